package team

import (
	"cmp"
	"maps"
	"slices"

	"sightline/review/bundle"
)

// Bundles returns the team stores the workspace at wsDir holds as an
// exported bundle records them: for each store, every reviewer with an
// operation merged here, and each team finding's merged state with the
// signed status change and confirmations that closed it, so that
// sightline verify can check the two-person rule offline.
func Bundles(wsDir string) ([]bundle.BundleTeam, error) {
	views, err := Views(wsDir)
	if err != nil {
		return nil, err
	}
	var out []bundle.BundleTeam
	for _, v := range views {
		l, err := LoadLocal(wsDir, v.Store)
		if err != nil {
			return nil, err
		}
		out = append(out, bundleOf(l, v.State))
	}
	slices.SortFunc(out, func(a, b bundle.BundleTeam) int { return cmp.Compare(a.Store, b.Store) })
	return out, nil
}

func bundleOf(l *Local, st State) bundle.BundleTeam {
	byID := make(map[string]Signed, len(l.ops))
	who := map[string]bool{}
	for _, s := range l.ops {
		byID[s.ID] = s
		who[s.Op.Reviewer] = true
	}
	bt := bundle.BundleTeam{Store: l.Store, TwoPerson: l.TwoPerson, Reviewers: slices.Sorted(maps.Keys(who)),
		Findings: []bundle.BundleTeamFinding{}}
	if bt.Reviewers == nil {
		bt.Reviewers = []string{}
	}
	for _, f := range st.Findings {
		bf := bundle.BundleTeamFinding{ID: f.ID, Author: f.Author, Local: f.Local, Title: f.Title,
			Severity: f.Severity, CWE: f.CWE, Status: f.Status}
		for _, c := range f.Confirmations {
			if bf.StatusChange == nil {
				sc := teamOp(byID[c.Value])
				bf.StatusChange = &sc
			}
			bf.Confirmations = append(bf.Confirmations, teamOp(byID[c.Op]))
		}
		bt.Findings = append(bt.Findings, bf)
	}
	slices.SortFunc(bt.Findings, func(a, b bundle.BundleTeamFinding) int { return cmp.Compare(a.ID, b.ID) })
	return bt
}

func teamOp(s Signed) bundle.BundleTeamOp {
	return bundle.BundleTeamOp{Reviewer: s.Op.Reviewer, Op: s.ID, Record: string(s.Rec.Op), Sig: s.Rec.Sig}
}
