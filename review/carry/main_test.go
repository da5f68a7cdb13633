package carry

import (
	"testing"

	"sightline/review/reviewtest"
)

func TestMain(m *testing.M) { reviewtest.Main(m) }
