package compare

import (
	"context"
	"fmt"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo"
	"sightline/repo/textsafe"
	"sightline/tui/changes"
	"sightline/tui/diff"
	"sightline/tui/nav"
)

// Source is what the page reads: *repo.Repo satisfies it.
type Source interface {
	DiffTrees(ctx context.Context, base, head repo.Hash, opts repo.DiffOptions) ([]repo.FileChange, error)
	DiffBlobs(ctx context.Context, oldBlob, newBlob repo.Hash, context int) ([]repo.Hunk, error)
	ReadBlob(ctx context.Context, h repo.Hash, limit int64) (repo.Blob, error)
}

// maxDiffBytes is the largest blob the page diffs line by line: above it
// the diff pane says so instead of holding both sides in memory.
const maxDiffBytes = 32 << 20

// loadNames lists the changed paths between base and head: the tree diff
// with rename detection but no line counts, which is fast enough to show
// the list at once (PERF-NOTES: name-status first).
func loadNames(ctx context.Context, src Source, id int64, base, head repo.Hash, seq int) tea.Cmd {
	return func() tea.Msg {
		cs, err := src.DiffTrees(ctx, base, head, repo.DiffOptions{NamesOnly: true})
		return ChangesMsg{ID: id, Base: base, Head: head, Seq: seq, Changes: cs, Err: err}
	}
}

// loadCounts lists the changes again with their line counts, sending
// progress on prog (latest value wins; the channel is closed when done).
func loadCounts(ctx context.Context, src Source, id int64, base, head repo.Hash, seq int, prog chan [2]int) tea.Cmd {
	return func() tea.Msg {
		defer close(prog)
		opts := repo.DiffOptions{Progress: func(done, total int) {
			select {
			case prog <- [2]int{done, total}:
			default: // the UI has not read the last one yet; skip this one
			}
		}}
		cs, err := src.DiffTrees(ctx, base, head, opts)
		return ChangesMsg{ID: id, Base: base, Head: head, Seq: seq, Counted: true, Changes: cs, Err: err}
	}
}

// waitProgress turns the next progress report into a message; nil once
// the load is over.
func waitProgress(id int64, seq int, ch <-chan [2]int) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return progressMsg{id: id, seq: seq, done: p[0], total: p[1], ch: ch}
	}
}

// loadFile diffs one change's blobs and prepares them for display. When
// the counts are known, files without hunks (binary, mode-only, exact
// renames) are not read at all; before that, the first 8000 bytes of
// each side say whether the file is binary, as git decides.
func loadFile(ctx context.Context, src Source, ch repo.FileChange, counted bool, key FileKey, msg FileMsg, st diff.Styles) tea.Cmd {
	return func() tea.Msg {
		msg.Key = key
		var hunks []repo.Hunk
		var err error
		switch {
		case isGitlink(ch.OldMode) || isGitlink(ch.NewMode):
			hunks, err = gitlinkHunks(ctx, src, ch, key.Context)
		case !counted || hasHunks(ch):
			hunks, err = blobHunks(ctx, src, &ch, key.Context)
		}
		msg.File = diff.Prepare(ch, hunks, key.Context, st)
		msg.File.Err = err
		return msg
	}
}

// blobHunks diffs a change's two blobs, after checking (in their first
// 8000 bytes) that neither is binary and that both are small enough.
func blobHunks(ctx context.Context, src Source, ch *repo.FileChange, context int) ([]repo.Hunk, error) {
	var size int64
	for _, h := range []repo.Hash{ch.OldHash, ch.NewHash} {
		if h.IsZero() {
			continue
		}
		b, err := src.ReadBlob(ctx, h, 8000)
		if err != nil {
			return nil, err
		}
		ch.Binary = ch.Binary || b.Binary
		size = max(size, b.Size)
	}
	switch {
	case ch.Binary:
		return nil, nil
	case size > maxDiffBytes:
		return nil, fmt.Errorf("%s is %d bytes, more than the %d MiB this view diffs; read it in the Files view", textsafe.Sanitize(ch.Path()), size, maxDiffBytes>>20)
	}
	return src.DiffBlobs(ctx, ch.OldHash, ch.NewHash, context)
}

// gitlinkHunks diffs a change where a side is a submodule the way git
// does: that side reads "Subproject commit <id>".
func gitlinkHunks(ctx context.Context, src Source, ch repo.FileChange, context int) ([]repo.Hunk, error) {
	var sides [2][]byte
	for i, s := range []struct {
		h    repo.Hash
		mode uint32
	}{{ch.OldHash, ch.OldMode}, {ch.NewHash, ch.NewMode}} {
		switch {
		case s.h.IsZero() && s.mode == 0:
		case isGitlink(s.mode):
			sides[i] = []byte("Subproject commit " + s.h.String() + "\n")
		default:
			b, err := src.ReadBlob(ctx, s.h, maxDiffBytes)
			if err != nil {
				return nil, err
			}
			sides[i] = b.Data
		}
	}
	return repo.DiffLines(repo.SplitLines(sides[0]), repo.SplitLines(sides[1]), context), nil
}

func isGitlink(mode uint32) bool { return mode&0o170000 == 0o160000 }

// hasHunks reports whether a counted change has lines to show.
func hasHunks(c repo.FileChange) bool {
	return !c.Binary && c.Added+c.Removed > 0
}

// lastID numbers pages, as bubbles numbers spinners: an atomic counter
// is the one piece of package state, and it only ever hands out ids.
var lastID atomic.Int64

// own tags the messages cmd produces with the page's id.
func own(id int64, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case nil:
			return nil
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(msg))
			for i, c := range msg {
				out[i] = own(id, c)
			}
			return out
		case nav.SymbolMsg, nav.OutlineMsg:
			// The root's alone, and untagged it reaches the root from the
			// Cmd of the key that asked, where the root stamps it with
			// where the reviewer was: a hop through the broadcast would
			// lose that, and a request the reviewer has moved on from
			// would still be acted on.
			return msg
		default:
			return ownMsg{id: id, msg: msg}
		}
	}
}

// maxSized bounds how many binary changes have their sizes read.
const maxSized = 5000

// sizesMsg carries the blob sizes of the binary changes of load Seq.
type sizesMsg struct {
	id    int64
	seq   int
	sizes map[[2]repo.Hash]changes.Sizes
}

// loadSizes reads the sizes of the binary changes' blobs (each read
// stops at its first bytes: the size is in the object's header).
func loadSizes(ctx context.Context, src Source, id int64, seq int, cs []repo.FileChange) tea.Cmd {
	return func() tea.Msg {
		out := map[[2]repo.Hash]changes.Sizes{}
		for _, c := range cs {
			if !c.Binary || len(out) >= maxSized {
				continue
			}
			s := changes.Sizes{Old: -1, New: -1}
			for i, h := range []repo.Hash{c.OldHash, c.NewHash} {
				if h.IsZero() {
					continue
				}
				b, err := src.ReadBlob(ctx, h, 0)
				if err != nil {
					break
				}
				if i == 0 {
					s.Old = b.Size
				} else {
					s.New = b.Size
				}
			}
			out[[2]repo.Hash{c.OldHash, c.NewHash}] = s
		}
		return sizesMsg{id: id, seq: seq, sizes: out}
	}
}
