package code

import (
	"context"
	"strings"
	"testing"

	"sightline/repo"
	"sightline/repo/repotest"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// wantBanner fails unless the view holds want and none of nots.
func wantBanner(t *testing.T, m Model, when, want string, nots ...string) {
	t.Helper()
	s := screen(m)
	if !strings.Contains(s, want) {
		t.Fatalf("%s: view lacks %q:\n%s", when, want, s)
	}
	for _, n := range nots {
		if strings.Contains(s, n) {
			t.Fatalf("%s: view says %q:\n%s", when, n, s)
		}
	}
}

// The size banner of a paged text file says what is true of its id
// check: under way while the background read runs, passed once it is in,
// nothing beside a mismatch warning, and why not when the read failed.
func TestPagedTextBannerSaysWhereTheIDCheckIs(t *testing.T) {
	content, _ := pagedFile()
	const never = "is not checked at this size"
	t.Run("passed", func(t *testing.T) {
		rt, r, pin := fixture(t, repotest.Tree{"gen/big.txt": {Content: content}})
		id := rt.Blob(content).String()
		m, rest := bigView(t, r, pin.Tree, "gen/big.txt")
		wantBanner(t, m, "while reading", "its ID (blob "+id+") is being checked", never, "was checked")
		m = tuitest.Run(t, m, rest...)
		wantBanner(t, m, "after the read", "its ID (blob "+id+") was checked", never, "being checked")
		m = tuitest.Run(t, m, tuitest.Key("G")) // a later window keeps it
		wantBanner(t, m, "last window", "its ID (blob "+id+") was checked", never, "being checked")
	})
	t.Run("mismatch", func(t *testing.T) {
		rt, r, pin := fixture(t, repotest.Tree{"gen/big.txt": {Content: content}})
		h := rt.Blob(content)
		rt.SubstituteBlob(h, strings.Replace(content, "L2 xx\n", "L2 yy\n", 1))
		m, rest := bigView(t, r, pin.Tree, "gen/big.txt")
		m = tuitest.Run(t, m, rest...)
		wantBanner(t, m, "after the read", "⚠ object content does not match its ID (blob "+h.String()[:7], "its ID (blob "+h.String())
		// The hostile count's banner says why it stopped without the
		// warning's text again.
		wantBanner(t, m, "after the read", "the whole file could not be counted: its object does not match its ID")
		if n := strings.Count(screen(m), "object content does not match"); n != 1 {
			t.Errorf("the mismatch is told %d times:\n%s", n, screen(m))
		}
	})
	t.Run("failed", func(t *testing.T) {
		rt, r, pin := fixture(t, repotest.Tree{"gen/big.txt": {Content: content}})
		h := rt.Blob(content)
		m := New(r, pin.Tree, theme.PlainStyles(), DefaultKeyMap())
		m.winSize = 1 << 20
		m.SetSize(200, 20)
		loaded := tuitest.Exec(t, m.Open("gen/big.txt", 0))
		m, rest := m.Update(loaded[0])
		rt.RemoveObject(h) // gone before the whole-file read opens it
		m = tuitest.Run(t, m, tuitest.Exec(t, rest)...)
		wantBanner(t, m, "after a failed read", "its ID (blob "+h.String()+") is not checked: the whole file could not be read", "being checked", "was checked")
	})
}

// The hex view of a large binary says the same of its id check, and as
// text (x) too.
func TestLargeBinaryHexBannerSaysWhereTheIDCheckIs(t *testing.T) {
	content := bigBinary()
	t.Run("passed", func(t *testing.T) {
		rt, r, pin := fixture(t, repotest.Tree{"fw/image.bin": {Content: content}})
		id := rt.Blob(content).String()
		m, rest := bigView(t, r, pin.Tree, "fw/image.bin")
		wantBanner(t, m, "while reading", "its ID (blob "+id+") is being checked", "not checked", "was checked")
		m = tuitest.Run(t, m, rest...)
		wantBanner(t, m, "after the read", "its ID (blob "+id+") was checked", "not checked", "being checked")
		if strings.Contains(screen(m), "counting the whole file") {
			t.Errorf("the hex view says hostile characters are being counted:\n%s", screen(m))
		}
		m = tuitest.Run(t, m, tuitest.Key("x"))
		wantBanner(t, m, "as text", "its ID (blob "+id+") was checked", "not checked", "being checked")
	})
	t.Run("mismatch", func(t *testing.T) {
		rt, r, pin := fixture(t, repotest.Tree{"fw/image.bin": {Content: content}})
		h := rt.Blob(content)
		rt.SubstituteBlob(h, strings.Replace(content, "needle", "NEEDLE", 1))
		m, rest := bigView(t, r, pin.Tree, "fw/image.bin")
		m = tuitest.Run(t, m, rest...)
		warning := "⚠ object content does not match its ID (blob " + h.String()[:7]
		wantBanner(t, m, "after the read", warning, "its ID (blob "+h.String())
		m = tuitest.Run(t, m, tuitest.Key("x"))
		wantBanner(t, m, "as text", warning, "its ID (blob "+h.String())
	})
}

// firstOnly is a Source that cannot stream: the view reads at most the
// first window of a blob, which is then never checked against its id.
type firstOnly struct{ src Source }

func (f firstOnly) Lookup(ctx context.Context, root repo.Hash, path string) (repo.Entry, error) {
	return f.src.Lookup(ctx, root, path)
}

func (f firstOnly) ReadBlob(ctx context.Context, h repo.Hash, limit int64) (repo.Blob, error) {
	return f.src.ReadBlob(ctx, h, limit)
}

// A blob cut at the window and never streamed (a source that cannot
// stream) says its id is not checked and why, as text and as hex.
func TestCutBlobSaysItsIDIsNotChecked(t *testing.T) {
	text, _ := pagedFile()
	bin := bigBinary()
	rt, r, pin := fixture(t, repotest.Tree{"gen/big.txt": {Content: text}, "fw/image.bin": {Content: bin}})
	for path, content := range map[string]string{"gen/big.txt": text, "fw/image.bin": bin} {
		id := rt.Blob(content).String()
		m, rest := bigView(t, firstOnly{r}, pin.Tree, path)
		m = tuitest.Run(t, m, rest...)
		if !m.Doc().Blob.Truncated || m.Doc().Paged {
			t.Fatalf("%s: want a cut blob, not paged", path)
		}
		wantBanner(t, m, path, "its ID (blob "+id+") is not checked: only the first 1.0 MiB is read", "being checked", "was checked")
	}
}

// The status line's note on the hostile count of a file larger than the
// window: the loaded lines while the rest of a text file is counted,
// nothing once it is; for a binary file, whose bytes are not scanned,
// never that the rest is being counted.
func TestHostileCountNoteSaysWhatIsCounted(t *testing.T) {
	text, _ := pagedFile()
	_, r, pin := fixture(t, repotest.Tree{"gen/big.txt": {Content: text}, "fw/image.bin": {Content: bigBinary()}})
	m, rest := bigView(t, r, pin.Tree, "gen/big.txt")
	if got := m.HostileCountNote(); got != "hostile count: loaded lines only, counting the rest" {
		t.Errorf("text, while counting: %q", got)
	}
	m = tuitest.Run(t, m, rest...)
	if got := m.HostileCountNote(); got != "" {
		t.Errorf("text, counted: %q", got)
	}
	m, rest = bigView(t, r, pin.Tree, "fw/image.bin")
	for _, when := range []string{"while reading", "after the read"} {
		if got := m.HostileCountNote(); got != "hostile count: loaded lines only" {
			t.Errorf("binary, %s: %q", when, got)
		}
		m = tuitest.Run(t, m, rest...)
	}
}
