package diff

import (
	"strings"
	"testing"

	"sightline/tui/internal/drive"
)

// cursorRow is the row of v the cursor mark ▌ starts.
func cursorRow(v string) string {
	for _, row := range strings.Split(v, "\n") {
		if strings.HasPrefix(row, "▌") {
			return row
		}
	}
	return ""
}

// A blamed line that replaced another must open on its own (added) row,
// not on the removed row just above it, unified and side by side.
func TestSetFileAtLineLandsOnTheLineNotTheOneItReplaced(t *testing.T) {
	f := twoHunks(t)
	m := newPane(t, f)
	m.SetFileAtLine(f, 5)
	if row := cursorRow(m.View()); !strings.Contains(row, "+x := compute(beta") {
		t.Errorf("cursor on %q, want the added line 5:\n%s", row, m.View())
	}
	m.SetFileAtLine(f, 4)
	if row := cursorRow(m.View()); !strings.Contains(row, "line 4") {
		t.Errorf("context line 4: cursor on %q", row)
	}
	m, _ = drive.Keys(m, update, keep, "s")
	m.SetFileAtLine(f, 35)
	if row := cursorRow(m.View()); !strings.Contains(row, "return err") {
		t.Errorf("side by side: cursor on %q, want the row showing line 35", row)
	}
	// Line 20 is not in the diff: the first row after it, as before.
	m, _ = drive.Keys(m, update, keep, "s")
	m.SetFileAtLine(f, 20)
	if row := cursorRow(m.View()); !strings.Contains(row, "line 32") {
		t.Errorf("line outside the hunks: cursor on %q, want the next hunk's first row", row)
	}
}
