package repo

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"strings"

	"sightline/repo/internal/commitgraph"
	"sightline/repo/internal/linediff"
	"sightline/repo/internal/odb"
)

// suspect is one line of the blamed file still looking for its author:
// its line number in the final file and in the origin holding it.
type suspect struct{ final, orig int }

// origin is a version of the file: a path in a commit, with its blob.
type origin struct {
	commit   Hash
	path     string
	blob     Hash
	mode     uint32
	ids      []linediff.LineID // the blob's lines, interned; loaded on demand
	suspects []suspect
}

// blameCommit is what the walk needs of a commit.
type blameCommit struct {
	tree     Hash
	parents  []Hash
	when     int64
	graphPos uint32 // position in the commit-graph, when inGraph
	inGraph  bool
}

// blamer is the state of one Blame call.
type blamer struct {
	ctx         context.Context
	r           *Repo
	lines       *linediff.Table
	diff        *linediff.Differ
	commits     map[Hash]*blameCommit
	origins     map[Hash][]*origin // by commit
	queue       commitQueue        // commits holding suspects, newest first
	queued      map[Hash]bool
	shallow     map[Hash]bool
	ignore      map[Hash]bool // commits whose changed lines go to a parent anyway
	probe       *pathProbe
	graph       *commitgraph.Graph                // nil: read commit objects
	queries     map[string]*commitgraph.PathQuery // Bloom keys by path; nil: no filters
	skips       int                               // parents the filters proved unchanged
	pre         *historyPrefetch                  // nil: no reading ahead
	ahead       *versionReadAhead                 // nil: no versions read ahead
	lineScratch []int                             // passToParent's line table, reused
	seq         int
	result      []BlameLine
	done        int
	progress    func(done, total int)
	// known are the line ids of the versions read, by blob id, kept
	// between blames (blameLines); added counts the bytes this blame
	// put there.
	share blameLineState
	added int
	reads int // versions read from the repository
	// lastData is the text of the version read last (blob lastBlob),
	// most often the child of the one read next.
	lastBlob Hash
	lastData []byte
}

func newBlamer(ctx context.Context, r *Repo, commit Hash, path string) (_ *blamer, err error) {
	share := r.blameLines.take()
	t := share.table
	b := &blamer{
		share: share,
		ctx:   ctx, r: r, lines: t, diff: linediff.NewDiffer(t),
		commits: map[Hash]*blameCommit{}, origins: map[Hash][]*origin{}, queued: map[Hash]bool{},
		ignore: map[Hash]bool{}, shallow: r.shallowCommits(), probe: newPathProbe(r), graph: r.commitGraph(),
	}
	defer func() {
		if err != nil {
			b.giveLines()
		}
	}()
	if b.graph != nil && b.graph.HasFilters() {
		b.queries = map[string]*commitgraph.PathQuery{}
	}
	c, err := b.commit(commit)
	if err != nil {
		return nil, err
	}
	path = strings.Join(splitPath(path), "/") // "./a//b/" is "a/b"
	if path == "" {
		return nil, errors.New("give the path of a file to blame, not the root")
	}
	e, err := r.Lookup(ctx, c.tree, path)
	if err != nil {
		return nil, err // it names the path
	}
	if e.Kind == KindDir || e.Kind == KindSubmodule || e.Kind == KindError {
		return nil, fmt.Errorf("%s is a %s, not a file; give the path of a file to blame", QuotePath(path), e.Kind)
	}
	o := b.origin(commit, e.Path, e.Hash, e.Mode)
	if err := b.load(o, nil); err != nil {
		return nil, err
	}
	b.result = make([]BlameLine, len(o.ids))
	o.suspects = make([]suspect, len(o.ids))
	for i := range o.ids {
		o.suspects[i] = suspect{final: i + 1, orig: i + 1}
	}
	if len(o.ids) > 0 {
		b.enqueue(commit)
	}
	return b, nil
}

// commit reads (once) what the walk needs of commit h.
func (b *blamer) commit(h Hash) (*blameCommit, error) {
	if c, ok := b.commits[h]; ok {
		return c, nil
	}
	c, ok := b.pre.take(h) // shallow boundaries already cut
	if !ok {
		var err error
		if c, err = b.readHead(b.ctx, h); err != nil {
			return nil, err
		}
	}
	bc := &blameCommit{tree: c.tree, parents: c.parents, when: c.when, graphPos: c.graphPos, inGraph: c.inGraph}
	b.commits[h] = bc
	return bc, nil
}

// origin returns the one origin for (commit, path), making it if new.
func (b *blamer) origin(commit Hash, path string, blob Hash, mode uint32) *origin {
	for _, o := range b.origins[commit] {
		if o.path == path {
			return o
		}
	}
	o := &origin{commit: commit, path: path, blob: blob, mode: mode}
	b.origins[commit] = append(b.origins[commit], o)
	return o
}

// load interns o's version of the file, unless it has been; like, when
// not nil, is a loaded version close to it (a child's), whose shared
// start and end lines are taken without a lookup.
func (b *blamer) load(o, like *origin) error {
	if o.ids != nil {
		return nil
	}
	if ids, ok := b.share.known[o.blob]; ok {
		o.ids = ids // read, checked and interned by this blame or an earlier one
		return nil
	}
	// A version read ahead was within the big-file threshold: the
	// read-ahead refuses the others unread, as the walk does here.
	data, ok := b.ahead.take(o.blob)
	if !ok {
		// Blame holds every line of every version it walks: a version
		// over the big-file threshold is refused rather than read
		// (issue 17.1).
		if _, size, err := b.r.objects.Header(odb.ID(o.blob)); err == nil && size > b.r.bigFile {
			return fmt.Errorf("%s at commit %s is %d bytes, over the %d-byte limit for blame (git's core.bigFileThreshold): not blamed, to keep memory bounded; read it in the Files view",
				QuotePath(o.path), o.commit.Short(), size, b.r.bigFile)
		}
		blob, err := b.r.ReadBlob(b.ctx, o.blob, -1)
		if err != nil {
			return fmt.Errorf("%s at commit %s: %w", QuotePath(o.path), o.commit.Short(), err)
		}
		data = blob.Data
	}
	switch {
	case like != nil && like.ids != nil && like.blob == b.lastBlob && b.lastData != nil:
		o.ids = b.lines.InternDataAfter(data, b.lastData, like.ids)
	case like != nil && like.ids != nil:
		o.ids = b.lines.InternDataLike(data, like.ids)
	default:
		o.ids = b.lines.InternData(data)
	}
	b.lastBlob, b.lastData = o.blob, data
	b.reads++
	if n := lineIDBytes * len(o.ids); b.added+n <= b.share.room {
		b.share.known[o.blob] = o.ids
		b.added += n
	}
	return nil
}

// giveLines returns the blame's share of the Repo's kept versions.
func (b *blamer) giveLines() {
	b.r.blameLines.give(b.share, b.added)
	b.share = blameLineState{}
}

func (b *blamer) enqueue(h Hash) {
	if b.queued[h] {
		return
	}
	b.queued[h] = true
	b.seq++
	heap.Push(&b.queue, queued{c: commitHead{hash: h}, when: b.commits[h].when, seq: b.seq})
}

// run processes commits newest first until every line has its commit.
func (b *blamer) run() error {
	for b.queue.Len() > 0 {
		if err := ctxErr(b.ctx); err != nil {
			return err
		}
		h := heap.Pop(&b.queue).(queued).c.hash
		b.queued[h] = false
		for i := 0; i < len(b.origins[h]); i++ {
			o := b.origins[h][i]
			if len(o.suspects) == 0 {
				continue
			}
			if err := b.passBlame(o); err != nil {
				return err
			}
			b.settle(o)
		}
	}
	return nil
}

// settle blames the lines o still holds on o's commit.
func (b *blamer) settle(o *origin) {
	for _, s := range o.suspects {
		b.result[s.final-1] = BlameLine{Commit: o.commit, OrigLine: s.orig, FinalLine: s.final, OrigPath: o.path}
	}
	b.done += len(o.suspects)
	o.suspects, o.ids = nil, nil
	if b.progress != nil {
		b.progress(b.done, len(b.result))
	}
}

// give moves suspects to parent origin po and queues its commit. The
// caller hands moved over: when po has none yet, it takes the slice as it
// is (a file unchanged for thousands of commits is passed down that many
// times).
func (b *blamer) give(po *origin, moved []suspect) {
	if len(moved) == 0 {
		return
	}
	if len(po.suspects) == 0 {
		po.suspects = moved
	} else {
		po.suspects = append(po.suspects, moved...)
	}
	b.enqueue(po.commit)
}

var errNoOrigin = errors.New("no origin")

// blameSkipsHook, when set (by tests), receives how many parents each
// Blame's Bloom filters proved unchanged.
var blameSkipsHook func(int)

// blameReadsHook, when set (by tests), receives how many versions of the
// file each Blame read from the repository (not kept from an earlier one).
var blameReadsHook func(int)

// unchangedInFirstParent reports whether the commit-graph's changed-path
// Bloom filter proves that c did not change path against p, its first
// parent; git blame asks the filters the same question before it diffs
// the two trees. false when there are no filters or they cannot tell.
func (b *blamer) unchangedInFirstParent(c *blameCommit, p Hash, path string) bool {
	if b.queries == nil || !c.inGraph || len(c.parents) == 0 || c.parents[0] != p {
		return false
	}
	q, ok := b.queries[path]
	if !ok {
		q = b.graph.Query(path)
		b.queries[path] = q
	}
	if b.graph.MaybeChanged(c.graphPos, q) {
		return false
	}
	b.skips++
	return true
}

// readHead reads commit h from the commit-graph when it holds it, else
// the object, with a shallow clone's boundaries cut as git sees them.
// Safe for concurrent use (the prefetch calls it).
func (b *blamer) readHead(ctx context.Context, h Hash) (commitHead, error) {
	if c, ok, err := graphHead(b.graph, h); ok || err != nil {
		return c, err
	}
	c, err := b.r.readCommitHead(ctx, h)
	if b.shallow[h] {
		c.parents = nil
	}
	return c, err
}
