package repo

import (
	"fmt"

	"sightline/repo/internal/commitgraph"
)

// commitGraph returns the repository's commit-graph, read and checked
// once, or nil when there is none, it is damaged, or the clone is shallow
// (git ignores the graph there too: its parents are not the shallow
// ones). Without one it returns the history index UseHistoryIndex
// accepted, if any. Walks then read commit objects.
func (r *Repo) commitGraph() *commitgraph.Graph {
	r.graphOnce.Do(r.loadGraph)
	if r.graph != nil {
		return r.graph
	}
	return r.histIndex.Load()
}

func (r *Repo) loadGraph() {
	if len(r.shallowCommits()) > 0 {
		return
	}
	g, err := commitgraph.Open(r.objectsDir())
	if err == nil {
		r.graph = g
	}
}

// graphHead reads commit h from the graph: tree, parents and committer
// time, with no raw object (fullCommit reads it when the commit is
// shown). false when the graph does not hold h; an error when the graph
// contradicts itself there, since then no answer built on it can stand.
func graphHead(g *commitgraph.Graph, h Hash) (commitHead, bool, error) {
	if g == nil {
		return commitHead{}, false, nil
	}
	pos, ok := g.Lookup(commitgraph.ID(h))
	if !ok {
		return commitHead{}, false, nil
	}
	gc, err := g.Commit(pos)
	if err != nil {
		return commitHead{}, false, fmt.Errorf("commit %s: %w (git's objects/info/commit-graph*, or sightline's history index in its cache directory); remove the file (from a copy of the repository) and open again", h, err)
	}
	c := commitHead{hash: h, tree: Hash(gc.Tree), when: gc.When, graphPos: pos, inGraph: true}
	if len(gc.Parents) > 0 {
		c.parents = make([]Hash, len(gc.Parents))
		for i, p := range gc.Parents {
			c.parents[i] = Hash(p)
		}
	}
	return c, true, nil
}

// graphSource names the commit-graph history walks read, and what to do
// when it proves damaged.
func (r *Repo) graphSource() (name, advice string) {
	r.graphOnce.Do(r.loadGraph)
	if p := r.histIndexPath.Load(); r.graph == nil && p != nil {
		return "sightline's history index " + *p, "remove that file; \"sightline index\" rebuilds it"
	}
	return "objects/info/commit-graph*", "remove it from a copy of the repository and open that"
}
