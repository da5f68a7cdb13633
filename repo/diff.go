package repo

// FileChange is one changed path between two commits, as one line of
// "git diff --name-status -M" / "--numstat -M" describes it.
type FileChange struct {
	// Status is 'A' added, 'M' modified (content or mode), 'D' deleted,
	// 'R' renamed (possibly with edits; see Similarity), 'T' type changed
	// (e.g. a regular file became a symlink).
	Status           byte
	OldPath, NewPath string // raw bytes; OldPath is "" for 'A', NewPath "" for 'D'
	OldHash, NewHash Hash   // ZeroHash on the missing side
	OldMode, NewMode uint32 // 0 on the missing side
	// Similarity is git's rename score in percent (100 for an exact
	// rename), 0 unless Status is 'R'.
	Similarity int
	// Binary is git's rule (a NUL in the first 8000 bytes of either
	// side); git prints "-" for its counts and so Added and Removed are 0.
	Binary bool
	// Added and Removed are the line counts "git diff --numstat" prints.
	Added, Removed int
}

// Path is the path to show for the change: the new path, or the old one
// for a deletion.
func (c FileChange) Path() string {
	if c.NewPath != "" {
		return c.NewPath
	}
	return c.OldPath
}

// DiffOptions tunes DiffTrees. The zero value is "git diff -M".
type DiffOptions struct {
	// NoRenames lists renames as a deletion plus an addition
	// ("git diff --no-renames").
	NoRenames bool
	// NamesOnly skips the line counts (Added, Removed, Binary stay zero),
	// which is what "--name-status" needs and much cheaper on big diffs.
	NamesOnly bool
	// Progress, when set, is called after each file's counts are made.
	Progress func(filesDone, filesTotal int)
}

// DiffLine is one line of a hunk.
type DiffLine struct {
	Kind             byte   // ' ' context, '+' added, '-' removed
	OldLine, NewLine int    // 1-based; 0 on the side the line is absent from
	Text             []byte // without the LF; raw, untrusted content
	NoEOL            bool   // the file ends on this line without an LF
}

// Hunk is one "@@ -OldStart,OldLines +NewStart,NewLines @@" block of a
// unified diff, with its lines.
type Hunk struct {
	OldStart, OldLines int
	NewStart, NewLines int
	Lines              []DiffLine
}
