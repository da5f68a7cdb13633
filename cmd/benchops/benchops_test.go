package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	ms := time.Millisecond
	for _, c := range []struct {
		in   []time.Duration
		want time.Duration
	}{
		{[]time.Duration{3 * ms}, 3 * ms},
		{[]time.Duration{9 * ms, 1 * ms, 5 * ms}, 5 * ms},
		{[]time.Duration{4 * ms, 1 * ms, 2 * ms, 8 * ms}, 3 * ms},
	} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestVerdict(t *testing.T) {
	ratioOp := result{op: operation{target: target{maxRatio: 2}}}
	timeOp := result{op: operation{target: target{maxMs: 16}}}
	for _, c := range []struct {
		r    result
		s, g summary
		want string
	}{
		{ratioOp, summary{ok: true, medMs: 30, rssMB: 50}, summary{ok: true, medMs: 20}, "yes"},
		{ratioOp, summary{ok: true, medMs: 50, rssMB: 50}, summary{ok: true, medMs: 20}, "no (ratio)"},
		{timeOp, summary{ok: true, medMs: 20, rssMB: 500}, summary{}, "no (time, RSS)"},
		{timeOp, summary{}, summary{}, "—"},
	} {
		if got := verdict(c.r, c.s, c.g); got != c.want {
			t.Errorf("verdict(%+v, %+v) = %q, want %q", c.s, c.g, got, c.want)
		}
	}
}

// TestRunProcMeasuresAndReportsFailure runs real processes: output lines
// are counted, peak RSS is read, and a failing command is an error that
// quotes its stderr.
func TestRunProcMeasuresAndReportsFailure(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	s := runProc(time.Minute, nil, sh, "-c", "printf 'a\\nb\\nc\\n'")
	if s.err != nil || s.lines != 3 || s.rssKB <= 0 || s.wall <= 0 {
		t.Errorf("ok run: %+v", s)
	}
	s = runProc(time.Minute, nil, sh, "-c", "echo broken >&2; exit 3")
	if s.err == nil || !strings.Contains(s.err.Error(), "broken") {
		t.Errorf("failing run: err = %v, want one quoting stderr", s.err)
	}
	s = runProc(50*time.Millisecond, nil, sh, "-c", "sleep 5")
	if s.err == nil || !strings.Contains(s.err.Error(), "timeout") {
		t.Errorf("slow run: err = %v, want a timeout", s.err)
	}
}

func TestBuiltCommandsReadsTheHelp(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "sightline")
	script := "#!/bin/sh\nprintf 'Usage:\\n  sightline COMMAND\\n\\nCommands:\\n  grep       search\\n  open       browse\\n\\nsightline never...\\n'\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := builtCommands(fake)
	if err != nil {
		t.Fatal(err)
	}
	if !got["grep"] || !got["open"] || got["blame"] || got["sightline"] {
		t.Errorf("builtCommands = %v, want grep and open only", got)
	}
}
