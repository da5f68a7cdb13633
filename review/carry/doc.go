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
// the tree. Given the new release's archive (CarryWithArchives), it
// follows the same rules there: the new member at the same path takes
// the place of the file at the new pin, and when the path is gone the
// one member with the same blob is its rename. Lines are mapped from the
// old member's bytes (from the old archive, or the repository when it
// holds that blob); without them a member that differs makes the step
// changed, at the same line numbers, with ReasonNoOldBytes: no diff can
// then show the lines kept. Rules 3 and 4 look only in the member of the
// same path. Without a new archive the step keeps its place, gone, with
// ReasonArchive.
package carry
