package repo

// BlameLine says where one line of a file at a commit came from: the
// first line of each entry of "git blame --line-porcelain".
type BlameLine struct {
	Commit    Hash   // the commit that introduced the line
	OrigLine  int    // 1-based line number in that commit's version of the file
	FinalLine int    // 1-based line number in the blamed version
	OrigPath  string // the file's path in Commit (differs after a rename)
}
