package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sightline/repo/textsafe"
	"sightline/review"
	"sightline/review/bundle"
	"sightline/review/team"
)

func init() {
	register(command{
		name:    "team",
		summary: "share signed reviews through a team store: init, push, pull, status",
		run:     runTeam,
	})
}

const teamUsage = `Usage: sightline team SUBCOMMAND DIR [FLAGS]

  init DIR [--two-person]
        create a team store in DIR (a new or empty directory, on a USB
        stick or a share): a bare git repository sightline writes itself;
        --two-person: a finding becomes false-positive only when a second
        reviewer confirms
  push DIR --workspace W (--key FILE | --agent [--key FILE.pub])
        --identity ID --signers ALLOWED_SIGNERS
        [--confirm T-ID] [--set T-ID:FIELD=VALUE | C-ID:verdict=VALUE]
        sign this reviewer's changes since the last push (namespace
        sightline-team-op@v1) and append them to the reviewer's log;
        --confirm confirms another reviewer's pending status change,
        --set gives a team finding's severity, status or title a new value
        (which resolves a conflict on it); both may repeat. Triage
        decisions (confirm, dismiss) made in the Triage tab or with
        sightline triage are sent too; --set C-ID:verdict=VALUE (confirmed,
        false-positive, wont-fix, test-code) decides a candidate for the
        team, which resolves reviewers' disagreeing verdicts
  pull DIR --workspace W --signers ALLOWED_SIGNERS
        verify every new operation and merge those that pass into W; each
        refused one is listed with the reason, and the rest still merge
  status DIR
        the store's id, its rule and each reviewer's log (unverified)

The team's findings show in "sightline findings list" after the
workspace's own. Exit status: 0 done, 1 failed or something was refused,
2 bad usage.
`

func runTeam(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, teamUsage)
		return nil
	}
	switch args[0] {
	case "init":
		return runTeamInit(args[1:], stdout)
	case "push":
		return runTeamPush(args[1:], stdout, stderr)
	case "pull":
		return runTeamPull(args[1:], stdout)
	case "status":
		return runTeamStatus(args[1:], stdout)
	}
	return usagef("unknown team subcommand %q; use init, push, pull or status", textsafe.Sanitize(args[0]))
}

// teamDir parses fs from args and returns the one positional DIR.
func teamDir(fs *flag.FlagSet, args []string, stdout io.Writer) (string, bool, error) {
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return "", false, helpOrUsage(err, fs, stdout, teamUsage)
	}
	if len(pos) != 1 {
		return "", false, usagef("give exactly one team store directory")
	}
	return pos[0], true, nil
}

func runTeamInit(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("team init", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	two := fs.Bool("two-person", false, "closing a finding (false-positive) needs a second reviewer's confirmation")
	dir, ok, err := teamDir(fs, args, stdout)
	if !ok {
		return err
	}
	cfg, err := team.InitStore(dir, *two)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created team store %s (id %s, two-person rule %s)\n", textsafe.Sanitize(dir), cfg.Store, onOff(cfg.TwoPerson))
	return nil
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// intentFlags collects --confirm and --set.
type intentFlags []team.Intent

func (f *intentFlags) String() string { return "" }

func (f *intentFlags) confirm(s string) error {
	*f = append(*f, team.Intent{Type: team.OpConfirm, Finding: s})
	return nil
}

func (f *intentFlags) set(s string) error {
	id, rest, ok := strings.Cut(s, ":")
	field, value, ok2 := strings.Cut(rest, "=")
	types := map[string]string{"severity": team.OpSeverity, "status": team.OpStatus, "title": team.OpTitle,
		"verdict": team.OpTriage}
	typ, ok3 := types[field]
	if !ok || !ok2 || !ok3 || id == "" {
		return fmt.Errorf("want T-ID:FIELD=VALUE with FIELD severity, status or title, or C-ID:verdict=confirmed|false-positive|wont-fix|test-code, not %q", s)
	}
	*f = append(*f, team.Intent{Type: typ, Finding: id, Value: value})
	return nil
}

func runTeamPush(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("team push", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var f exportFlags
	var signers string
	var intents intentFlags
	f.ws.add(fs)
	drop := fs.Bool("drop-queued", false, "discard the changes queued in the workbench (r, v in the Findings tab) instead of sending them")
	fs.StringVar(&f.key, "key", "", "the signing key file (with --agent: the public key to pick)")
	fs.BoolVar(&f.agent, "agent", false, "sign with the ssh-agent at SSH_AUTH_SOCK")
	fs.StringVar(&f.passFile, "passphrase-file", "", "read the key's passphrase from the first line of this file")
	fs.StringVar(&f.identity, "identity", "", "the signing identity (allowed_signers principal): the reviewer of the log")
	fs.StringVar(&signers, "signers", "", "the allowed_signers file the team verifies with")
	fs.Func("confirm", "confirm another reviewer's pending status change of team finding T-ID", intents.confirm)
	fs.Func("set", "give a team finding a new value: T-ID:severity=high (also status, title); decide a candidate for the team: C-ID:verdict=false-positive", intents.set)
	dir, ok, err := teamDir(fs, args, stdout)
	if !ok {
		return err
	}
	switch {
	case f.ws.workspace == "":
		return usagef("--workspace W is required: the review whose changes are pushed")
	case f.identity == "":
		return usagef("--identity ID is required: the allowed_signers principal that signs")
	case review.CheckIdentity(f.identity) != nil:
		return usagef("--identity %s: %v", textsafe.Sanitize(strconv.Quote(f.identity)), review.CheckIdentity(f.identity))
	case f.key == "" && !f.agent:
		return usagef("give --key FILE or --agent to sign with")
	case signers == "":
		return usagef("--signers ALLOWED_SIGNERS is required: a push the team would refuse is refused here")
	}
	allowed, err := bundle.LoadAllowedSigners(signers)
	if err != nil {
		return err
	}
	signer, closeSigner, err := exportSigner(f, stderr)
	if err != nil {
		return err
	}
	defer closeSigner()
	o, err := exportOpen(f.ws, stderr)
	if err != nil {
		return err
	}
	n, err := team.Push(team.PushOptions{Store: dir, Workspace: o.WS, Identity: f.identity, Signer: signer,
		Signers: allowed, Intents: intents, DropQueued: *drop})
	if cerr := o.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "pushed %d operation(s) as %s to %s\n", n, textsafe.Sanitize(f.identity), textsafe.Sanitize(dir))
	return nil
}

func runTeamPull(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("team pull", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	ws := fs.String("workspace", "", "the workspace to merge into")
	signers := fs.String("signers", "", "the allowed_signers file that says who may sign")
	dir, ok, err := teamDir(fs, args, stdout)
	if !ok {
		return err
	}
	switch {
	case *ws == "":
		return usagef("--workspace W is required: the review to merge into")
	case *signers == "":
		return usagef("--signers ALLOWED_SIGNERS is required: the file naming who may sign")
	}
	allowed, err := bundle.LoadAllowedSigners(*signers)
	if err != nil {
		return err
	}
	meta, err := review.ReadMeta(*ws)
	if err != nil {
		return err
	}
	rep, err := team.Pull(dir, *ws, meta.Pin.Commit, allowed)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "merged %d new operation(s); the workspace holds %d from the team\n", rep.New, rep.Total)
	writeTeamState(stdout, rep.State)
	if err := writeTeamTriage(stdout, *ws); err != nil {
		return err
	}
	if len(rep.Refused) > 0 {
		for _, r := range rep.Refused {
			fmt.Fprintf(stdout, "REFUSED %s\n", textsafe.Sanitize(r.String()))
		}
		return exitError{1, fmt.Errorf("%d operation(s) or log(s) refused; everything else was merged", len(rep.Refused))}
	}
	return nil
}

func runTeamStatus(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("team status", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dir, ok, err := teamDir(fs, args, stdout)
	if !ok {
		return err
	}
	logs, cfg, err := team.Status(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "team store %s\nid %s\ntwo-person rule %s\n", textsafe.Sanitize(dir), cfg.Store, onOff(cfg.TwoPerson))
	if len(logs) == 0 {
		fmt.Fprintln(stdout, "no reviewer has pushed yet")
	}
	for _, l := range logs {
		fmt.Fprintf(stdout, "%s  %d push(es), %d operation(s), head %.12s  (claimed, not verified: pull verifies)\n",
			textsafe.Sanitize(strconv.Quote(l.Reviewer)), l.Pushes, l.Ops, l.Head)
	}
	return nil
}

// writeTeamState prints the team's findings: attribution, conflicts
// (who said what) and changes waiting for a second reviewer.
func writeTeamState(w io.Writer, st team.State) {
	for _, f := range st.Findings {
		fmt.Fprintf(w, "%s  %s  %s  %s  by %s (%s)\n", team.Short(f.ID), f.Severity, f.Status,
			textsafe.Sanitize(f.Title), textsafe.Sanitize(f.Author), f.Local)
		for _, c := range f.Conflicts {
			var said []string
			for _, cl := range c.Claims {
				said = append(said, fmt.Sprintf("%s says %s", cl.Reviewer, cl.Value))
			}
			fmt.Fprintf(w, "    CONFLICT %s: %s\n", c.Field, textsafe.Sanitize(strings.Join(said, "; ")))
		}
		if p := f.Pending; p != nil {
			fmt.Fprintf(w, "    PENDING %s by %s: needs a second reviewer's confirmation\n", p.Value, textsafe.Sanitize(p.Reviewer))
		}
		for _, c := range f.Confirmations {
			fmt.Fprintf(w, "    confirmed by %s\n", textsafe.Sanitize(c.Reviewer))
		}
	}
}
