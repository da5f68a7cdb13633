package nav

import "sightline/repo"

// OpenBaseMsg asks the root to show a changed file as it was at a diff's
// base, read-only, in the Files view (o in a diff): the reviewer reads
// the whole old version, then goes back. Nothing shown that way is ever
// marked reviewed at the pin.
type OpenBaseMsg struct {
	Entry  repo.Entry // the base-side file: path, mode and blob, from the diff
	Line   int        // 1-based base-side line to put the cursor on; 0: the top
	Commit repo.Hash  // the base commit
	Label  string     // how the diff names the base ("v1.0 (1a2b3c4d5e6f)"), sanitized
}

// BackMsg asks the root to go back along the jump list: a view closed
// what was opened on top of another (the base-side file, by its key).
type BackMsg struct{}
