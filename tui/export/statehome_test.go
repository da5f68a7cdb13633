package export

import (
	"testing"

	"sightline/review/reviewtest"
)

// TestMain keeps the journal heads of the workspaces these tests open out
// of the user's home.
func TestMain(m *testing.M) { reviewtest.Main(m) }
