// Package carry carries a review from one pin to a newer one: every step
// of every finding gets a verdict (unchanged, moved, changed, gone) and
// every reviewed mark is kept or dropped, by rules a reader can check.
//
// A step is matched by the strictest rule that holds, in this order:
//
//  1. exact: the same path and the same lines, with the same bytes (the
//     file is untouched, or the diff keeps those lines where they were);
//  2. diff: the diff between the pins (with git's rename detection)
//     keeps every line of the step, together, at other lines or under a
//     renamed path, and the line hash there is the step's;
//  3. context: the step's lines with the lines around them appear
//     exactly once among the lines the diff added anywhere;
//  4. hash: the step's lines are unique in the old file and appear
//     exactly once among the added lines, in the step's own file (its
//     path or the path it was renamed to).
//
// Only rule 1 can say unchanged. Rules 3 and 4 only look at lines the
// diff added, so a copy of a block that was already there (a duplicated
// block) is never taken for the moved step. A step no rule places is
// changed when something now stands where its lines stood (it then
// points at those lines and keeps its old location and hash), else gone
// (it keeps its old location).
//
// A step on a member of a release archive (Location.Archive) is not in
// the tree, so no rule above applies to it: it is kept where it was, gone,
// with ReasonArchive, and the reviewer re-adds it from the new release.
package carry
