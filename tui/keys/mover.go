package keys

import "fmt"

// Mover moves a list pane's cursor with the shared navigation keys, so
// every list (Changes, History, and any other) moves as the tree does and
// as the README says. Its only state is a first "g" waiting for the
// second of "gg"; a pane keeps a Mover by value beside its cursor and
// calls Reset when it loses the keyboard.
type Mover struct {
	pendingG bool
}

// Move handles k when it is one of nav's movement keys: it returns the
// cursor moved within a list of total rows, height of which show at once,
// and true. A first "g" returns cursor unmoved, and true: the key was
// taken. Any other key returns cursor and false, and forgets a waiting
// "g", as the tree does.
func (mv *Mover) Move(nav Nav, k fmt.Stringer, cursor, total, height int) (int, bool) {
	mo, pending, ok := nav.MoveKey(k, height, mv.pendingG)
	mv.pendingG = pending
	if !ok || pending {
		return cursor, ok
	}
	return mo.Apply(cursor, total), true
}

// Pending reports whether a "g" waits for its second.
func (mv Mover) Pending() bool { return mv.pendingG }

// Reset forgets a waiting "g" (the pane lost the keyboard).
func (mv *Mover) Reset() { mv.pendingG = false }
