package diff

import "sightline/repo"

// NavigateMsg asks the pane's owner to show another file. Delta is +1 for
// the next file and -1 for the previous one; Hunk says the move came from
// ]c or [c walking past the last or first hunk, so the owner lands on the
// new file's first hunk (Delta > 0) or last hunk (Delta < 0) and skips
// files that have no hunks.
type NavigateMsg struct {
	Delta int
	Hunk  bool
}

// ContextMsg asks the owner to redo Change's diff with Context lines of
// context and show it again at new-side line Line.
type ContextMsg struct {
	Change  repo.FileChange
	Context int
	Line    int
}

// HexDiffMsg asks the owner to compare a binary Change's two blobs byte
// by byte (enter on a binary file: it has no lines to open).
type HexDiffMsg struct {
	Change repo.FileChange
}
