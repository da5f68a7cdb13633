package repo

import (
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// ReplaceRefs lists the repository's replacement refs (refs/replace/ID):
// git shows the object they point to in place of object ID, everywhere,
// unless run with --no-replace-objects. sightline never applies them and
// shows the original objects, so a reviewer comparing with git output
// must be told they exist (a vendor can use them to make git show
// something other than what the commits hold).
func (r *Repo) ReplaceRefs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	iter, err := r.storage.IterReferences()
	if err != nil {
		return nil
	}
	var names []string
	_ = iter.ForEach(func(ref *plumbing.Reference) error {
		if name := ref.Name().String(); strings.HasPrefix(name, "refs/replace/") {
			names = append(names, name)
		}
		return nil
	})
	sort.Strings(names)
	return names
}
