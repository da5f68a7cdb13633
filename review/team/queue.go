package team

import (
	"fmt"
	"slices"
)

// Queue records in as a change the next push signs and sends, in the
// workspace's file of store: the workbench has no signing key, so a
// conflict resolved or a finding confirmed there waits for `team push`,
// which treats it as it treats --set and --confirm. me names the
// reviewer working in the workspace (the workspace's reviewer), so that
// a confirmation of their own change is refused here rather than at push.
func Queue(wsDir, store, me string, in Intent) error {
	release, err := lockLocal(wsDir, store)
	if err != nil {
		return err
	}
	defer release()
	l, err := LoadLocal(wsDir, store)
	if err != nil {
		return err
	}
	if len(l.ops) == 0 {
		return fmt.Errorf("the workspace holds nothing of team store %s: run sightline team pull first", store)
	}
	st := Merge(l.ops, l.TwoPerson)
	f, err := st.Lookup(in.Finding)
	if err != nil {
		return err
	}
	in.Finding = f.ID
	switch in.Type {
	case OpConfirm:
		switch {
		case f.Pending == nil:
			return fmt.Errorf("finding %s has no status change waiting for confirmation", Short(f.ID))
		case f.Pending.Reviewer == me || f.Pending.Reviewer == l.Identity:
			return fmt.Errorf("finding %s: %s proposed %s; a second reviewer must confirm it, not its author", Short(f.ID), f.Pending.Reviewer, f.Pending.Value)
		}
		in.Value = ""
	default:
		if _, ok := fieldOf[in.Type]; !ok {
			return fmt.Errorf("unknown change %q", in.Type)
		}
		v := valueData{Value: in.Value}
		if err := validateData(in.Type, &v); err != nil {
			return err
		}
	}
	// A later choice for the same field (or a second confirm) replaces
	// the queued one rather than sending both.
	l.Queued = slices.DeleteFunc(l.Queued, func(q Intent) bool { return q.Type == in.Type && q.Finding == in.Finding })
	l.Queued = append(l.Queued, in)
	return l.save()
}

// queued is the workbench's changes for push, each named so that an
// error says where it came from.
func (l *Local) queued() []Intent {
	out := make([]Intent, len(l.Queued))
	for i, q := range l.Queued {
		q.queued = true
		out[i] = q
	}
	return out
}
