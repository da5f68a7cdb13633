package code

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// The id check of a blob larger than the window (HOST-28): a binary one
// shown as hex is streamed whole in the background like a text one, and
// the banners say at each moment what is known of the check.

// bigBinary is a binary blob of 2 MiB: larger than the 1 MiB window the
// tests give the view, so it is shown a window at a time.
func bigBinary() string {
	return binaryBlob(2<<20, map[int]string{0: "\x7fELF", 1 << 20: "needle"})
}

// bigView opens path of r in a focused 200×20 view (each banner on one
// row) with a 1 MiB window, delivering only the load: the Cmds it
// started are returned, not run.
func bigView(t *testing.T, src Source, root repo.Hash, path string) (Model, []tea.Msg) {
	t.Helper()
	m := New(src, root, theme.PlainStyles(), DefaultKeyMap())
	m.winSize = 1 << 20
	m.SetSize(200, 20)
	m.Focus()
	loaded := tuitest.Exec(t, m.Open(path, 0))
	m, rest := m.Update(loaded[0])
	if m.Err() != nil {
		t.Fatalf("load: %v", m.Err())
	}
	return m, tuitest.Exec(t, rest)
}

// substituteLoose replaces the loose object of the blob holding content
// with another blob; substitutePacked packs the blob next to a decoy
// holding evil and swaps their index entries, so its id leads to the
// decoy's bytes (as repotest.NewSubstituted does for small blobs).
func substituteLoose(t *testing.T, rt *repotest.Repo, content, evil string) {
	rt.SubstituteBlob(rt.Blob(content), evil)
}

func substitutePacked(t *testing.T, rt *repotest.Repo, content, evil string) {
	rt.SubstitutePacked(rt.Blob(content), rt.Blob(evil))
}

// HOST-28: a binary file larger than the window, shown as hex, whose
// object was substituted (loose or packed) shows the mismatch warning
// once the background read of the whole blob is in, as a text file does;
// its hostile count stays the window's (binary bytes are not scanned).
func TestLargeBinarySubstitutedShowsTheMismatchOnceReadWhole(t *testing.T) {
	for name, substitute := range map[string]func(*testing.T, *repotest.Repo, string, string){
		"loose": substituteLoose, "packed": substitutePacked,
	} {
		t.Run(name, func(t *testing.T) {
			content := bigBinary()
			evil := strings.Replace(content, "needle", "NEEDLE", 1)
			rt := repotest.New(t)
			rt.Commit("c", repotest.Tree{"fw/image.bin": {Content: content}})
			h := rt.Blob(content)
			substitute(t, rt, content, evil)
			r, pin := pintest.Head(t, rt)
			m, rest := bigView(t, r, pin.Tree, "fw/image.bin")
			if !m.HexShown() || !m.Doc().Paged {
				t.Fatalf("want a paged binary shown as hex (hex %v, paged %v):\n%s", m.HexShown(), m.Doc().Paged, screen(m))
			}
			banner := "⚠ object content does not match its ID (blob " + h.String()[:7]
			if strings.Contains(screen(m), banner) {
				t.Fatalf("mismatch banner before anything read the whole blob:\n%s", screen(m))
			}
			m = tuitest.Run(t, m, rest...)
			s := screen(m)
			if !strings.Contains(s, banner) {
				t.Fatalf("no mismatch banner once the background read is in:\n%s", s)
			}
			if m.HostileCountIsWhole() {
				t.Errorf("a whole-file hostile count is claimed for binary bytes never scanned")
			}
			m = tuitest.Run(t, m, tuitest.Key("x")) // as text: the same warning
			if !strings.Contains(screen(m), banner) {
				t.Errorf("x to text lost the mismatch warning:\n%s", screen(m))
			}
		})
	}
}
