// Command benchops is the benchmark harness's driver (scripts/bench.sh
// builds and runs it). "benchops run" measures every operation of issue 7
// in sightline and in the nearest git command, alternating, and prints
// medians, ratios and peak RSS as a Markdown table. "benchops step" runs
// one in-process step (TUI and repo code called directly) and prints its
// timings; run uses it as a child so each step's peak RSS is its own.
//
//	benchops run -repo DIR -sightline BIN [-reps N] [-smoke] [-timeout D]
//	benchops step -repo DIR [-iters K] [-arg A] STEP
//	benchops machine
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"time"
)

func main() {
	err := dispatch(os.Args[1:], os.Stdout)
	var ue usageError
	switch {
	case err == nil:
	case errors.As(err, &ue):
		fmt.Fprintln(os.Stderr, "benchops:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "benchops:", err)
		os.Exit(1)
	}
}

type usageError struct{ error }

func dispatch(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{errors.New("usage: benchops run|step|machine ...")}
	}
	switch args[0] {
	case "run":
		return cmdRun(args[1:], stdout)
	case "step":
		return cmdStep(args[1:], stdout)
	case "machine":
		return describeMachine(stdout)
	}
	return usageError{fmt.Errorf("unknown subcommand %q; want run, step or machine", args[0])}
}

func cmdRun(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	dir := fs.String("repo", "", "repository made by mkrepo")
	bin := fs.String("sightline", "", "sightline binary")
	reps := fs.Int("reps", 5, "measured runs of each side")
	smoke := fs.Bool("smoke", false, "one run, no warm-up: check that every operation works")
	timeout := fs.Duration("timeout", 10*time.Minute, "time limit for one run of one side")
	only := fs.String("only", "", "run only the operations whose name matches this regexp")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	pick, err := regexp.Compile(*only)
	if err != nil {
		return usageError{fmt.Errorf("-only: %w", err)}
	}
	if *dir == "" || *bin == "" {
		return usageError{errors.New("run needs -repo DIR and -sightline BIN")}
	}
	m, err := readManifest(*dir)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	built, err := builtCommands(*bin)
	if err != nil {
		return fmt.Errorf("asking %s for its commands: %w", *bin, err)
	}
	cacheRoot, err := os.MkdirTemp("", "sightline-bench-cache-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(cacheRoot)
	if *smoke {
		*reps = 1
	}
	h := &harness{dir: *dir, sightline: *bin, self: self, reps: *reps, smoke: *smoke,
		timeout: *timeout, built: built, cacheRoot: cacheRoot, out: stdout}
	fmt.Fprintf(stdout, "Repository: %d files, %d commits, HEAD %s (%s); %d measured run(s) per side, medians.\n\n",
		m.Files, m.Commits, m.Head, *dir, h.reps)
	ops := operations(*dir, m)
	if *only != "" && !pick.MatchString("release archive") {
		return h.runAll(selectOps(ops, pick))
	}
	if missing := missingTools("tar", "xz", "diff", "bash"); missing != "" {
		fmt.Fprintf(os.Stderr, "benchops: no release-archive row: %s not installed\n", missing)
	} else if h.built["artifact"] {
		fmt.Fprintln(os.Stderr, "benchops: making the release archive")
		rel, err := makeRelease(*dir, m, cacheRoot)
		if err != nil {
			return fmt.Errorf("making the release archive: %w", err)
		}
		ops = append(ops, releaseOp(*dir, rel))
	}
	return h.runAll(selectOps(ops, pick))
}

// selectOps keeps the operations whose name pick matches.
func selectOps(ops []operation, pick *regexp.Regexp) []operation {
	var out []operation
	for _, op := range ops {
		if pick.MatchString(op.name) {
			out = append(out, op)
		}
	}
	return out
}

func cmdStep(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("step", flag.ContinueOnError)
	dir := fs.String("repo", "", "repository made by mkrepo")
	iters := fs.Int("iters", 1, "iterations (per-keystroke steps)")
	arg := fs.String("arg", "", "the step's argument (a search pattern)")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if *dir == "" || fs.NArg() != 1 {
		return usageError{errors.New("step needs -repo DIR and one step name")}
	}
	step := inprocSteps[fs.Arg(0)]
	if step == nil {
		return fmt.Errorf("step %q is not built into this benchops", fs.Arg(0))
	}
	m, err := readManifest(*dir)
	if err != nil {
		return err
	}
	times, lines, err := step(stepEnv{dir: *dir, m: m, iters: max(1, *iters), arg: *arg})
	if err != nil {
		return fmt.Errorf("step %s: %w", fs.Arg(0), err)
	}
	for _, d := range times {
		fmt.Fprintf(stdout, "ns %d\n", d.Nanoseconds())
	}
	fmt.Fprintf(stdout, "lines %d\n", lines)
	return nil
}
