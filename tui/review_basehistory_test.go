package tui

import (
	"strings"
	"testing"
)

// A step walk to a base-side step whose commit is not the session's base
// makes it the base: History lists base..pin anew and finishes listing.
func TestBaseStepWalkKeepsHistoryListing(t *testing.T) {
	m := baseStepFixture(t, false)
	m = keysIn(t, m, "3", "1") // History has listed the full history
	m = keysIn(t, m, "]", "s", "3")
	v := m.View()
	if strings.Contains(v, "walking history") || !strings.Contains(v, "base..pin: 1 commit in") {
		t.Errorf("History should list base..pin after the step set the base:\n%s", v)
	}
}
