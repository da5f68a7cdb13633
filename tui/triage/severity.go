package triage

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/textsafe"
	"sightline/review"
)

// startConfirm opens the severity picker, pre-filled from the rule: the
// candidate's own severity, or for a selection whose rules disagree,
// each candidate's own (shown as "from each rule").
func (m Model) startConfirm() Model {
	var open int
	sev := -2
	for _, c := range m.targets() {
		if !c.Open() {
			continue
		}
		open++
		switch r := c.Severity.Rank(); {
		case sev == -2:
			sev = r
		case sev != r:
			sev = -1
		}
	}
	if open == 0 {
		m.msg = "nothing to confirm: the candidate is already decided"
		return m
	}
	if sev < -1 {
		sev = -1
	}
	m.sevPick, m.sev = true, sev
	return m
}

// sevKey answers the picker: change the severity, accept, or cancel.
func (m Model) sevKey(k tea.KeyMsg) (Model, tea.Cmd) {
	km := m.keys
	switch {
	case key.Matches(k, km.SevDown):
		m.sev = max(m.sev-1, m.lowestSev())
	case key.Matches(k, km.SevUp):
		m.sev = min(m.sev+1, len(review.Severities)-1)
	case key.Matches(k, km.Accept):
		m.sevPick = false
		var sev review.Severity
		if m.sev >= 0 {
			sev = review.Severities[m.sev]
		}
		return m.act(confirmAct(sev))
	case key.Matches(k, km.Cancel):
		m.sevPick = false
		m.msg = "confirm cancelled"
	}
	return m, nil
}

// lowestSev is -1 ("from each rule") only for a batch: one candidate
// has one rule, and its severity is among the choices.
func (m Model) lowestSev() int {
	if len(m.targets()) > 1 {
		return -1
	}
	return 0
}

// sevPrompt is the picker's line in the footer.
func (m Model) sevPrompt() string {
	name := "from each rule"
	if m.sev >= 0 {
		name = string(review.Severities[m.sev])
	}
	cwe := ""
	if t := m.targets(); len(t) == 1 {
		cwe = t[0].CWE
		if cwe == "" {
			cwe = "no CWE"
		}
		cwe = " · " + cwe
	}
	return textsafe.Sanitize(fmt.Sprintf("confirm %s as ◀ %s ▶%s · h/l change · enter accept · esc cancel", m.targetText(), name, cwe))
}
