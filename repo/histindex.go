package repo

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"sightline/repo/internal/commitgraph"
	"sightline/repo/internal/odb"
)

// The history index: for a repository without a commit-graph of its own,
// sightline writes one in git's format (commit parents, generation
// numbers, changed-path Bloom filters made by git's rules) into its cache
// directory, keyed by the pinned commit, and the history walks of log and
// blame read it as they read git's. A chunk git ignores lists each
// commit's changed paths exactly (histindex_changed.go). It is never
// written into the repository.

// pinChunk is the extra chunk naming the commit the index was built for;
// git ignores chunks it does not know.
const pinChunk = "SLPN"

// HistoryIndexPath is where the history index of the pinned commit is
// kept under dir (the search index's directory).
func HistoryIndexPath(dir string, commit Hash) string {
	return filepath.Join(dir, "history-"+commit.String()+".graph")
}

// HistoryIndexStats describes a built index.
type HistoryIndexStats struct {
	Commits int   // commits reachable from the pin, all in the index
	Large   int   // commits whose diff was over git's 512-path limit
	Bytes   int64 // file size
}

// HasOwnCommitGraph reports whether the repository has a commit-graph of
// its own that history uses (present, readable, not a shallow clone);
// then no history index is built or used.
func (r *Repo) HasOwnCommitGraph() bool {
	r.graphOnce.Do(r.loadGraph)
	return r.graph != nil
}

// ErrShallowHistory: a shallow clone's history stops at commits whose
// parents are missing; no index is built for it (git ignores graphs
// there too).
var ErrShallowHistory = errors.New("the repository is a shallow clone: no history index for it")

// BuildHistoryIndex walks every commit reachable from pin, reading the
// objects, computes each one's changed paths against its first parent,
// and writes the index to path through a temporary file, synced, then
// renamed, so that a build that is killed leaves nothing behind.
func (r *Repo) BuildHistoryIndex(ctx context.Context, pin Hash, path string) (HistoryIndexStats, error) {
	commits, st, err := r.historyCommits(ctx, pin)
	if err != nil {
		return st, err
	}
	st.Bytes, err = writeAtomically(path, func(w *bufio.Writer) error {
		return commitgraph.Write(w, commits, map[string][]byte{pinChunk: pin[:], changedChunk: buildChangedChunk(commits)})
	})
	return st, err
}

// historyCommits is what the index holds of every commit reachable from
// pin: tree, parents, time and the files changed against the first
// parent.
func (r *Repo) historyCommits(ctx context.Context, pin Hash) ([]commitgraph.WriteCommit, HistoryIndexStats, error) {
	var st HistoryIndexStats
	if len(r.shallowCommits()) > 0 {
		return nil, st, ErrShallowHistory
	}
	heads, err := r.reachableHeads(ctx, pin)
	if err != nil {
		return nil, st, err
	}
	commits := make([]commitgraph.WriteCommit, 0, len(heads))
	for _, c := range heads {
		wc := commitgraph.WriteCommit{ID: commitgraph.ID(c.hash), Tree: commitgraph.ID(c.tree), When: c.when}
		base := ZeroHash
		for i, p := range c.parents {
			wc.Parents = append(wc.Parents, commitgraph.ID(p))
			if i == 0 {
				base = heads[p].tree
			}
		}
		acc := changedAcc{seen: map[string]bool{}}
		err := r.changedPaths(ctx, base, c.tree, &acc)
		switch {
		case errors.Is(err, errTooManyPaths) || errors.Is(err, ErrTooDeep):
			wc.Large = true // git's filter then answers "maybe" for every path
			st.Large++
		case err != nil:
			return nil, st, fmt.Errorf("commit %s: %w", c.hash, err)
		}
		wc.Changed = acc.files
		commits = append(commits, wc)
	}
	st.Commits = len(commits)
	return commits, st, nil
}

// reachableHeads reads every commit reachable from pin from its object.
func (r *Repo) reachableHeads(ctx context.Context, pin Hash) (map[Hash]commitHead, error) {
	heads := map[Hash]commitHead{}
	todo := []Hash{pin}
	for len(todo) > 0 {
		h := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if _, ok := heads[h]; ok {
			continue
		}
		c, err := r.readCommitHead(ctx, h)
		if err != nil {
			return nil, err
		}
		c.raw = nil // keep only what the index needs
		heads[h] = c
		todo = append(todo, c.parents...)
	}
	return heads, nil
}

var errTooManyPaths = errors.New("more changed paths than a filter holds")

// changedAcc collects a diff's changed files and counts them with their
// leading directories, as git's filter does.
type changedAcc struct {
	files []string
	seen  map[string]bool
}

func (a *changedAcc) add(path string) error {
	a.files = append(a.files, path)
	for _, p := range commitgraph.LeadingPaths([]string{path}) {
		a.seen[p] = true
	}
	if len(a.seen) > commitgraph.MaxChangedPaths {
		return errTooManyPaths
	}
	return nil
}

// changedPaths names the files changed between trees a and b (ZeroHash:
// empty) for the filter: the diff's walk (git's recursive tree diff, as
// "git diff-tree -r --name-only") with a visitor that stops once a filter
// could not hold them.
func (r *Repo) changedPaths(ctx context.Context, a, b Hash, acc *changedAcc) error {
	return r.walkTrees(ctx, a, b, "", 0, func(c treeChange) (bool, error) {
		if c.isTree() {
			return true, nil
		}
		return false, acc.add(c.Path)
	})
}

// writeAtomically writes path through a temporary file beside it, synced
// before the rename; it returns the size written.
func writeAtomically(path string, write func(*bufio.Writer) error) (int64, error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".history-*.tmp")
	if err != nil {
		return 0, err
	}
	defer os.Remove(f.Name()) // after a successful rename there is nothing to remove
	w := bufio.NewWriterSize(f, 1<<20)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	size, _ := f.Seek(0, 1)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	return size, err
}

// UseHistoryIndex makes history walks read the index at path, built for
// pin, when the repository has no commit-graph of its own and is not a
// shallow clone. It reports whether the index is used. A missing index is
// (false, nil); one that fails a check is (false, an error saying why),
// and history reads the commit objects as before. Checked before use: the
// file's checksum and structure, that it was built for pin, that its
// record of pin matches pin's commit object, and that every commit it
// lists exists in the repository. Each commit shown is still checked
// against its object (fullCommit).
func (r *Repo) UseHistoryIndex(path string, pin Hash) (bool, error) {
	if r.HasOwnCommitGraph() || len(r.shallowCommits()) > 0 {
		return false, nil
	}
	g, err := commitgraph.OpenFile(path)
	if errors.Is(err, commitgraph.ErrNone) {
		return false, nil
	}
	if err == nil {
		err = r.checkHistoryIndex(g, pin)
	}
	var changed *changedIndex
	if err == nil && g.Extra(changedChunk) != nil {
		changed, err = parseChangedChunk(g.Extra(changedChunk), g.Count())
	}
	if err != nil {
		return false, fmt.Errorf("history index not used (history reads the commits instead; remove the file and run \"sightline index\" to rebuild it): %s: %w", path, err)
	}
	r.histIndexPath.Store(&path)
	r.histChanged.Store(changed)
	r.histIndex.Store(g)
	return true, nil
}

// HistoryIndexOutdated reports whether the history index at path was
// written before it held the changed-paths chunk: it still works, and a
// rebuild makes path history faster. Only the file's table of contents
// is read (the workbench asks at start); a file that cannot be read is
// not outdated, and UseHistoryIndex says what is wrong with it.
func HistoryIndexOutdated(path string) bool {
	has, err := commitgraph.HasChunk(path, changedChunk)
	return err == nil && !has
}

func (r *Repo) checkHistoryIndex(g *commitgraph.Graph, pin Hash) error {
	if got := g.Extra(pinChunk); len(got) != len(pin) || Hash(got) != pin {
		return fmt.Errorf("it was not built for commit %s", pin)
	}
	head, ok, err := graphHead(g, pin)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("it does not hold commit %s", pin)
	}
	obj, err := r.readCommitHead(context.Background(), pin)
	if err != nil {
		return err
	}
	if obj.tree != head.tree || !slices.Equal(obj.parents, head.parents) {
		return fmt.Errorf("its record of commit %s does not match the commit", pin)
	}
	for pos := uint32(0); pos < g.Count(); pos++ {
		id, _ := g.ID(pos)
		if !r.objects.Has(odb.ID(id)) {
			return fmt.Errorf("it lists commit %x, which the repository does not have", id)
		}
	}
	return nil
}

// IsShallow reports whether the repository is a shallow clone.
func (r *Repo) IsShallow() bool { return len(r.shallowCommits()) > 0 }
