package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"sightline/repo"
	"sightline/repo/search"
	"sightline/repo/symbols"
	"sightline/repo/textsafe"
)

func init() {
	register(command{
		name:    "index",
		summary: "build the search index of the pinned tree, so grep and ctrl+f answer at once",
		run:     runIndex,
	})
}

const indexUsage = `Usage: sightline index [--repo PATH] [--rev REV] [--dir DIR]

Reads every file of the tree at REV (default HEAD) once and writes a
trigram index of it, with a compressed copy of each file up to 4 MiB, to
DIR (default: sightline/index under your cache directory, $XDG_CACHE_HOME
or ~/.cache), named by the tree's id. Beside it goes the symbol index that
"sightline def" and "symbols" read: the definitions in every file a tagger
reads (files over 4 MiB or slower than 10 s to tag are skipped and named). The pinned tree never changes, so
the index stays valid; "sightline grep" and the workbench's repo-wide
search (ctrl+f) then read only the files that can match, from the copy.
Before an index is trusted, the files it names are looked up in the
repository, and each copy read must hash to the blob id the repository
gives that file; an index that does not match is ignored. For a
repository without git's commit-graph (and not a shallow clone), a
history index of the commits reachable from REV goes beside them too:
parents, generation numbers and changed-path filters in git's
commit-graph format, which log, blame and the workbench's History tab
and blame gutter then read instead of every commit object; it is
checked before use and a damaged one is named and ignored. Nothing is
written to the repository: a DIR inside it (or a cache directory inside
it) is refused. Two builds of one tree do not run at once (a lock file,
TREE.lock, stays in DIR): the second says it is waiting and starts when
the first ends; a signal stops the wait. With --missing-only, it then
builds only the indexes still missing (the other build may just have
written them) and names those it kept; without it, the search and symbol
indexes are built anew.

Flags:
`

func runIndex(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	repoPath := fs.String("repo", ".", "the repository")
	rev := fs.String("rev", "HEAD", "the revision to pin")
	dir := fs.String("dir", "", "where indexes are kept (default: sightline/index in the user's cache directory)")
	historyOnly := fs.Bool("history-only", false, "build only the history index (what the workbench starts when only it is missing)")
	missingOnly := fs.Bool("missing-only", false, "build only the indexes still missing once no other build of the tree runs (what the workbench starts)")
	pos, _, err := parseMixed(fs, args)
	if err != nil {
		return helpOrUsage(err, fs, stdout, indexUsage)
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *dir == "" {
		if *dir, err = search.IndexDir(); err != nil {
			return fmt.Errorf("no cache directory for the index (%v); pass --dir DIR", err)
		}
	}
	r, err := repo.Open(*repoPath)
	if err != nil {
		return err
	}
	defer r.Close()
	if err := refuseIndexInside(r, *dir); err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		return fmt.Errorf("index directory: %w", err)
	}
	// Temporaries of builds that were killed (their cleanups never ran).
	sweepStaleTemporaries(*dir, staleTemporaryAge, time.Now())
	// SIGTERM (the workbench quitting) or SIGINT stops the builds, which
	// remove their temporaries; a second signal ends the process at once.
	ctx, stopSignals := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stopSignals()
	context.AfterFunc(ctx, stopSignals)
	pin, err := r.Resolve(*rev)
	if err != nil {
		return err
	}
	// One build of a tree at a time: a second would redo the first's
	// minutes of work and memory for the same files.
	unlock, err := lockTree(ctx, *dir, pin.Tree, stderr)
	if err != nil {
		return stoppedBy(ctx, err)
	}
	defer unlock()
	// The build's live heap is about 150 MB on a 100,000-file tree (64 MB
	// of it the object reader's delta base cache); the default GC lets the
	// heap double before collecting. Collecting at half that growth keeps
	// the peak RSS near 290 MB rather than about 400 (BENCHMARKS.md).
	debug.SetGCPercent(50)
	b := indexBuild{r: r, pin: pin, dir: *dir, missingOnly: *missingOnly, stdout: stdout, stderr: stderr}
	if *historyOnly {
		return stoppedBy(ctx, b.history(ctx))
	}
	for _, step := range []func(context.Context) error{b.search, b.history, b.symbols} {
		if err := step(ctx); err != nil {
			return stoppedBy(ctx, err)
		}
	}
	return nil
}

// indexBuild is one run of "index" once it holds the tree's lock: the
// three indexes it builds, in order (the symbol build reads the search
// index's copies of the files).
//
// With missingOnly (the workbench's child), each is checked again first
// and kept when it is there: the build this one waited for has just
// written it, or an earlier one did. Without it, the reviewer asked for
// a build, and the search and symbol indexes are built anew.
type indexBuild struct {
	r              *repo.Repo
	pin            repo.Pin
	dir            string
	missingOnly    bool
	stdout, stderr io.Writer
}

// skip reports whether the index at path is kept as it is, and says so.
func (b indexBuild) skip(missing bool, what, path string) bool {
	if !b.missingOnly || missing {
		return false
	}
	fmt.Fprintf(b.stdout, "%s already built, skipped: %s\n", what, textsafe.Sanitize(path))
	return true
}

func (b indexBuild) search(ctx context.Context) error {
	path := search.IndexPath(b.dir, b.pin.Tree)
	if b.skip(needsIndex(path, b.pin.Tree), "search index of tree "+b.pin.Tree.Short(), path) {
		return nil
	}
	start := time.Now()
	built, err := search.BuildIndexReport(ctx, b.r, b.pin.Tree, path)
	if err != nil {
		return fmt.Errorf("index of tree %s: %w", b.pin.Tree.Short(), err)
	}
	fmt.Fprintf(b.stdout, "indexed tree %s (commit %s) in %s: %s\n", b.pin.Tree.Short(), b.pin.Commit.Short(), time.Since(start).Round(time.Millisecond), path)
	reportTooDeep(b.stderr, built.TooDeep)
	return nil
}

// history builds the history index when it is missing or outdated, with
// or without missingOnly (writeHistoryIndex replaces no other); missingOnly
// only adds the note that it was kept.
func (b indexBuild) history(ctx context.Context) error {
	path := repo.HistoryIndexPath(b.dir, b.pin.Commit)
	if _, err := os.Lstat(path); b.skip(err != nil || repo.HistoryIndexOutdated(path), "history index of commit "+b.pin.Commit.Short(), path) {
		return nil
	}
	return writeHistoryIndex(ctx, b.r, b.pin, b.dir, b.stdout, b.stderr)
}

func (b indexBuild) symbols(ctx context.Context) error {
	path := symbols.CachePath(b.dir, b.pin.Tree)
	if b.skip(needsSymbols(b.dir, b.pin.Tree), "symbol index of tree "+b.pin.Tree.Short(), path) {
		return nil
	}
	return writeSymbols(ctx, b.r, b.pin, b.dir, b.stdout, b.stderr)
}

// stoppedBy words err, when ctx was cancelled by a signal, as the build
// being stopped (what was finished before stays, whole; the rest was
// not written).
func stoppedBy(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return errors.New("stopped by a signal before the build finished (the indexes finished before it are kept; run \"sightline index\" again to finish)")
	}
	return err
}

// writeSymbols tags the tree and caches its definitions beside the search
// index. It runs here, in the "index" command, which the workbench starts
// as a child process: vendor code is parsed outside the workbench.
func writeSymbols(ctx context.Context, r *repo.Repo, pin repo.Pin, dir string, stdout, stderr io.Writer) error {
	start := time.Now()
	path := symbols.CachePath(dir, pin.Tree)
	// The search index's garbage is not the symbol build's to carry.
	debug.FreeOSMemory()
	var opt symbols.Options
	// The search index just written keeps most files' text: decoding a
	// copy checked against its blob id is several times cheaper than
	// inflating the blob from the pack again. Without it, the pack.
	if idx, err := search.OpenIndex(search.IndexPath(dir, pin.Tree), pin.Tree); err == nil {
		defer idx.Close()
		opt.NewStored = idx.NewEntryReader
	}
	st, err := symbols.BuildCache(ctx, r, pin.Tree, path, opt)
	if err != nil {
		return fmt.Errorf("symbol index of tree %s: %w", pin.Tree.Short(), err)
	}
	fmt.Fprintf(stdout, "tagged %d files (%d definitions) in %s: %s\n", st.Files, st.Defs, time.Since(start).Round(time.Millisecond), path)
	const shown = 5
	for i, sk := range st.Skipped {
		if i == shown {
			fmt.Fprintf(stderr, "sightline index: note: and %d more files not tagged\n", len(st.Skipped)-shown)
			break
		}
		fmt.Fprintf(stderr, "sightline index: note: %s not tagged: %s\n", textsafe.Sanitize(elideMiddle(sk.Path, 120)), textsafe.Sanitize(sk.Reason))
	}
	return nil
}

// reportTooDeep names the directories the index skipped at the depth cap
// (a crafted tree, not damage): searches report them as unsearched, with
// or without the index, and the reviewer should know before relying on
// it. A path that long is shortened in its middle.
func reportTooDeep(stderr io.Writer, deep []repo.Entry) {
	const shown = 5
	for i, e := range deep {
		if i == shown {
			fmt.Fprintf(stderr, "sightline index: note: and %d more such directories\n", len(deep)-shown)
			break
		}
		fmt.Fprintf(stderr, "sightline index: note: directory %s not indexed: %s (search reports it as not searched)\n",
			textsafe.Sanitize(elideMiddle(e.Path, 120)), textsafe.Sanitize(e.Err.Error()))
	}
}

// elideMiddle shortens s to about n bytes, keeping both ends.
func elideMiddle(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return fmt.Sprintf("%s…(%d bytes)…%s", s[:n/2], len(s)-n, s[len(s)-n/2:])
}

// refuseIndexInside is the rule every path sightline writes follows
// (repo.RefuseInside), for the index directory: an index written into the
// repository under review would change what is reviewed.
func refuseIndexInside(r *repo.Repo, dir string) error {
	if err := r.RefuseInside(dir); err != nil {
		return fmt.Errorf("search index directory %w; pass --dir with a directory outside it, or set XDG_CACHE_HOME elsewhere", err)
	}
	return nil
}
