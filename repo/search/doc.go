// Package search finds the lines of a pinned tree that match a regular
// expression: grep over the tree (Grep, the way "git grep -n" searches a
// commit), the trigram index of a tree that answers most searches without
// reading every file (BuildIndex, OpenIndex, GrepIndexed), and the policy
// of when to use that index (Searcher: the index when a valid one is
// cached, every file otherwise).
//
// It reads the repository only through package repo, and writes only the
// index files in the directory it is given (the user's cache directory by
// default, see IndexDir), never the repository.
package search
