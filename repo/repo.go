package repo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"

	"sightline/repo/internal/commitgraph"
	"sightline/repo/internal/odb"
)

// Repo is a read-only handle on one repository. It is safe for concurrent
// use; see the package comment.
type Repo struct {
	mu      sync.Mutex // guards every use of git and of storage's references
	git     *git.Repository
	storage objectStorage
	objects *odb.DB // every object read; safe for concurrent use
	gitDir  string  // holds objects/ and refs/ (the common dir of a linked worktree)
	headDir string  // holds HEAD: gitDir, or a linked worktree's own git dir
	workDir string  // the work tree it was opened through; "" for a bare repository
	name    string
	trees   *treeCache   // decoded tree objects by hash; has its own lock
	commits *commitCache // decoded commits by id, as fullCommit reads them; has its own lock
	// blameLines keeps the line ids of file versions between blames.
	blameLines blameLines
	// probe answers history walks' path lookups, and keeps the answers
	// from one walk to the next (newPathProbe).
	probeOnce sync.Once
	probe     *pathProbe
	// graph is git's commit-graph, read on first use (commitGraph); nil
	// when absent or damaged.
	graphOnce     sync.Once
	graph         *commitgraph.Graph
	histIndex     atomic.Pointer[commitgraph.Graph] // sightline's own, when graph is nil (histindex.go)
	histChanged   atomic.Pointer[changedIndex]      // its changed-paths chunk, when it has one
	histIndexPath atomic.Pointer[string]
	// bigFile is git's core.bigFileThreshold: diffs count a blob larger
	// than this as binary without reading it (BigFileThreshold).
	bigFile int64
}

// Open opens the repository at path: a work tree, its .git directory, a
// bare repository, or a .git file (as linked worktrees have). It reads
// nothing from the work tree.
func Open(path string) (*Repo, error) {
	loc, err := findGitDir(path)
	if err != nil {
		return nil, err
	}
	if err := checkFormat(loc.gitDir); err != nil {
		return nil, err
	}
	if err := checkAlternates(loc.gitDir); err != nil {
		return nil, err
	}
	objects, err := odb.Open(filepath.Join(loc.gitDir, "objects"), odb.Options{CacheBytes: deltaBaseCache, MaxCacheBytes: deltaBaseCacheMax})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w; the repository's object store is damaged: ask for a fresh clone or a git bundle", path, err)
	}
	st := objectStorage{Storage: openStorage(loc.gitDir, loc.headDir), objects: objects}
	g, err := git.Open(st, nil)
	if err != nil {
		_ = st.Close()
		_ = objects.Close()
		return nil, openError(path, err)
	}
	return &Repo{
		bigFile: BigFileThreshold,
		git:     g, storage: st, objects: objects, gitDir: loc.gitDir, headDir: loc.headDir, workDir: loc.workDir, name: loc.name,
		trees:   newTreeCache(treeCacheSize),
		commits: newCommitCache(),
	}, nil
}

// OpenNamed is Open with the name Name returns given rather than taken
// from the directory: for a repository sightline built itself in a
// temporary directory (the demo).
func OpenNamed(path, name string) (*Repo, error) {
	r, err := Open(path)
	if err != nil {
		return nil, err
	}
	r.name = name
	return r, nil
}

// deltaBaseCache is the budget of odb's cache of delta bases, shared by
// every reader of the Repo. git's default (core.deltaBaseCacheLimit) is
// 96 MiB, but history walks read each tree or blob version soon after the
// one it is a delta of, so a small cache holds what they reuse; a large
// one only spreads the walk over memory the processor no longer caches.
// On tmux, 8 MiB instead of 64 cut the CPU of log -- PATH by a quarter
// and of blame by a quarter to a third, and halved the peak RSS.
const deltaBaseCache = 8 << 20

// deltaBaseCacheMax is what that budget may grow to when a walk keeps
// asking for bases the cache evicted: the versions of a file edited
// thousands of times, which git packs as wide delta trees ordered by
// size. Blame of such a file (2,903 versions of 170 KB) applied 1.9 GB
// of deltas for 508 MB of versions at 8 MiB; grown to 32 MiB it took
// 1.7 s instead of 2.4. tmux's and fzf's walks never grow it.
const deltaBaseCacheMax = 64 << 20

// openStorage opens go-git's storage on a git dir, read-only, for
// references and config (objects are read by odb, see objectStorage).
// headDir is a linked worktree's own git dir (HEAD and its reflog live
// there while objects and refs live in gitDir), or gitDir itself. The
// filesystem is wrapped read-only so that no code path can write to the
// reviewed repository.
func openStorage(gitDir, headDir string) *filesystem.Storage {
	var fs billy.Filesystem = readOnly(osfs.New(gitDir, osfs.WithBoundOS()))
	if headDir != gitDir {
		fs = dotgit.NewRepositoryFilesystem(readOnly(osfs.New(headDir, osfs.WithBoundOS())), fs)
	}
	// go-git's own object cache sees no reads (they go to odb): keep it
	// tiny.
	return filesystem.NewStorageWithOptions(fs, cache.NewObjectLRU(cache.MiByte), filesystem.Options{
		KeepDescriptors: true,
		ExclusiveAccess: true,
	})
}

// Close releases the pack files held open.
func (r *Repo) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return errors.Join(r.storage.Close(), r.objects.Close())
}

// DropPackPages releases from resident memory the pack pages read so
// far (see odb.DB.DropMappedPages); for builds that read every object
// once.
func (r *Repo) DropPackPages() { r.objects.DropMappedPages() }

// Name is the repository's directory name, for display.
func (r *Repo) Name() string { return r.name }

func (r *Repo) objectsDir() string { return filepath.Join(r.gitDir, "objects") }

// GitDir is the absolute path of the directory holding the objects.
func (r *Repo) GitDir() string { return r.gitDir }

// gitLocation is where a repository's pieces live on disk.
type gitLocation struct {
	gitDir  string // objects/, refs/, config
	headDir string // HEAD: gitDir, or a linked worktree's private git dir
	workDir string // the work tree holding the .git given or found; "" when none
	name    string // for display
}

// findGitDir turns any of the accepted path forms into the directories
// that hold HEAD and objects/, plus a display name.
func findGitDir(path string) (gitLocation, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return gitLocation{}, fmt.Errorf("open %s: %w", path, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return gitLocation{}, fmt.Errorf("open %s: no such file or directory; give the path of a clone or of a bare repository", path)
		}
		return gitLocation{}, fmt.Errorf("open %s: %w", path, err)
	}
	if !fi.IsDir() {
		if filepath.Base(abs) == ".git" {
			loc, err := readGitFile(abs, filepath.Base(filepath.Dir(abs)))
			loc.workDir = filepath.Dir(abs)
			return loc, err
		}
		return gitLocation{}, fmt.Errorf("open %s: %w (a file, not a directory); give the path of a clone or of a bare repository", path, ErrNotRepository)
	}
	name := filepath.Base(abs)
	if name == ".git" {
		name = filepath.Base(filepath.Dir(abs))
	}
	if loc, ok, err := gitDirAt(abs, strings.TrimSuffix(name, ".git")); ok || err != nil {
		if filepath.Base(abs) == ".git" {
			loc.workDir = filepath.Dir(abs)
		}
		return loc, err
	}
	dotGit := filepath.Join(abs, ".git")
	if fi, err := os.Stat(dotGit); err == nil {
		if !fi.IsDir() {
			loc, err := readGitFile(dotGit, filepath.Base(abs))
			loc.workDir = abs
			return loc, err
		}
		if loc, ok, err := gitDirAt(dotGit, filepath.Base(abs)); ok || err != nil {
			loc.workDir = abs
			return loc, err
		}
		return gitLocation{}, fmt.Errorf("open %s: %w (%s has no HEAD or no objects directory); give the path of a complete clone or of a bare repository", path, ErrNotRepository, dotGit)
	}
	if top := enclosingWorkTree(abs); top != "" {
		// git would search upwards; sightline opens only what it is
		// given, so that it never picks up an unrelated parent repository.
		return gitLocation{}, fmt.Errorf("open %s: %w (it is a directory inside the work tree %s); give the top of the clone: %s", path, ErrNotRepository, top, top)
	}
	return gitLocation{}, fmt.Errorf("open %s: %w (no .git directory, and not a bare repository); give the path of a clone or of a bare repository", path, ErrNotRepository)
}

// enclosingWorkTree returns the nearest parent of dir that holds a .git,
// or "".
func enclosingWorkTree(dir string) string {
	for d := filepath.Dir(dir); d != dir; dir, d = d, filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
	}
	return ""
}

// gitDirAt reports whether dir is a git directory: either a complete one
// (HEAD and objects/) or a linked worktree's private one (HEAD and a
// commondir file naming the directory with the objects).
func gitDirAt(dir, name string) (gitLocation, bool, error) {
	if fi, err := os.Stat(filepath.Join(dir, "HEAD")); err != nil || fi.IsDir() {
		return gitLocation{}, false, nil
	}
	if b, err := os.ReadFile(filepath.Join(dir, "commondir")); err == nil {
		common := strings.TrimSpace(string(b))
		if !filepath.IsAbs(common) {
			common = filepath.Join(dir, common)
		}
		common = filepath.Clean(common)
		if !isGitDir(common) {
			return gitLocation{}, false, fmt.Errorf("open %s: %w (its commondir %s holds no repository); give the path of the main clone", dir, ErrNotRepository, common)
		}
		return gitLocation{gitDir: common, headDir: filepath.Clean(dir), name: name}, true, nil
	}
	if !isGitDir(dir) {
		return gitLocation{}, false, nil
	}
	dir = filepath.Clean(dir)
	return gitLocation{gitDir: dir, headDir: dir, name: name}, true, nil
}

// isGitDir reports whether dir looks like a git directory: HEAD and objects/.
func isGitDir(dir string) bool {
	if fi, err := os.Stat(filepath.Join(dir, "HEAD")); err != nil || fi.IsDir() {
		return false
	}
	fi, err := os.Stat(filepath.Join(dir, "objects"))
	return err == nil && fi.IsDir()
}

// readGitFile follows a ".git" file ("gitdir: PATH"), as linked worktrees
// and submodules have. The target may lie anywhere; sightline reads it
// like any other repository the reviewer names, read-only.
func readGitFile(file, name string) (gitLocation, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return gitLocation{}, fmt.Errorf("open %s: %w", file, err)
	}
	line := strings.TrimSpace(string(b))
	target, ok := strings.CutPrefix(line, "gitdir:")
	if !ok {
		return gitLocation{}, fmt.Errorf("open %s: %w (a .git file without a gitdir: line); give the path of a clone or of a bare repository", file, ErrNotRepository)
	}
	target = strings.TrimSpace(target)
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(file), target)
	}
	loc, ok, err := gitDirAt(target, name)
	if err != nil {
		return gitLocation{}, err
	}
	if !ok {
		return gitLocation{}, fmt.Errorf("open %s: %w (it points at %s, which holds no repository); give the path of the main clone or of a bare repository", file, ErrNotRepository, target)
	}
	return loc, nil
}

// checkAlternates refuses a repository that borrows objects from another
// one (objects/info/alternates, as "git clone --shared" makes): go-git
// would silently read objects from paths outside the directory the
// reviewer named (SECURITY-NOTES RO-06).
func checkAlternates(gitDir string) error {
	for _, f := range []string{"alternates", "http-alternates"} {
		p := filepath.Join(gitDir, "objects", "info", f)
		if fi, err := os.Stat(p); err == nil && fi.Size() > 0 {
			return fmt.Errorf("open %s: %w: %s borrows objects from another repository; supply a self-contained clone (git clone --no-local, or git repack -a -d then remove the file) or a git bundle", gitDir, ErrUnsupportedFormat, p)
		}
	}
	return nil
}

func openError(path string, err error) error {
	return fmt.Errorf("open %s: %w", path, err)
}

// ctxErr returns the context's error, so long loops can stop early.
func ctxErr(ctx context.Context) error {
	if ctx == nil {
		return nil
	}
	return ctx.Err()
}
