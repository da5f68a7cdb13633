package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"sightline/repo/repotest"
)

// Issue 17.1: every command's memory is bounded independent of the size
// of what it reads. Each command runs as the built binary over a
// repository whose compressed size is small and whose content is huge,
// and its peak RSS (getrusage of the child) must stay under memCeiling. A
// watchdog kills a run whose resident set passes memKill, so a regression
// fails the test instead of driving the machine out of memory.
//
// The default run uses 256 MiB hostile objects; SIGHTLINE_HOSTILE_FULL=1
// uses the sizes (2 GiB blobs, a 256 MiB message, a 100 MB line),
// which takes minutes on a loaded machine.
const (
	memCeiling = 300 << 20
	memKill    = 1 << 30
)

// memSizes is the size of each fixture's huge part.
func memSizes() map[repotest.MemFixture]int64 {
	if os.Getenv("SIGHTLINE_HOSTILE_FULL") == "1" {
		return map[repotest.MemFixture]int64{
			repotest.MemNoNewline: 2 << 30, repotest.MemZeros: 2 << 30,
			repotest.MemMessage: 256 << 20, repotest.MemLongLine: 100_000_000,
		}
	}
	return map[repotest.MemFixture]int64{
		repotest.MemNoNewline: 256 << 20, repotest.MemZeros: 256 << 20,
		repotest.MemMessage: 256 << 20, repotest.MemLongLine: 100_000_000,
	}
}

// memRun is one measured run of the binary.
type memRun struct {
	peak   int64 // bytes
	code   int
	out    string // the first 64 KiB of stdout
	errOut string
	killed bool
}

// runMeasured runs the binary with args and env, and returns its peak RSS.
func runMeasured(t *testing.T, env []string, args ...string) memRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, sightlineBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	out, errOut := &capped{n: 64 << 10}, &capped{n: 16 << 10}
	cmd.Stdout, cmd.Stderr = out, errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	killed := make(chan bool, 1)
	go func() { killed <- watchRSS(cmd.Process.Pid, done) }()
	err := cmd.Wait()
	close(done)
	r := memRun{out: out.String(), errOut: errOut.String(), killed: <-killed}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peak = ru.Maxrss << 10
	}
	return r
}

// watchRSS kills pid when its resident set passes memKill; it reports
// whether it did.
func watchRSS(pid int, done <-chan struct{}) bool {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return false
		case <-tick.C:
			if rss, _ := procStatusKB(pid, "VmRSS:"); rss<<10 > memKill {
				_ = syscall.Kill(pid, syscall.SIGKILL)
				return true
			}
		}
	}
}

// procStatusKB reads a "Key: N kB" field of /proc/PID/status.
func procStatusKB(pid int, key string) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == key {
			return strconv.ParseInt(f[1], 10, 64)
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", key, pid)
}

// capped keeps the first n bytes written to it.
type capped struct {
	bytes.Buffer
	n int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.n - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// memCase is one command over one fixture, and text its output must hold
// (so a run that bails out early does not pass for a frugal one).
type memCase struct {
	name string
	args []string
	want string
}

func memCases(f repotest.MemFixture, dir, first, file string) []memCase {
	cs := []memCase{
		{"log", []string{"log", "--repo", dir}, first},
		{"scan", []string{"scan", "--repo", dir}, ""},
		{"diff", []string{"diff", "--repo", dir, "--base", first, "--stat"}, "changed"},
		{"blame", []string{"blame", "--repo", dir, file}, ""},
		{"grep-1char", []string{"grep", "--repo", dir, "-F", "e"}, "README:1:hello"},
	}
	needle := []memCase{{"grep-needle", []string{"grep", "--repo", dir, "-F", repotest.MemNeedle}, file}}
	if f == repotest.MemZeros || f == repotest.MemMessage {
		needle[0].want = ""
	}
	cs = append(cs, needle...)
	cs = append(cs, memCase{"index", []string{"index", "--repo", dir}, ""})
	// After the index: grep answers through it.
	for _, c := range needle {
		c.name += "-indexed"
		cs = append(cs, c)
	}
	cs = append(cs, memCase{"grep-1char-indexed", []string{"grep", "--repo", dir, "-F", "e"}, "README:1:hello"})
	return cs
}

// TestCommandsMemoryBoundedOnHostileObjects is issue 17.1's measurement.
func TestCommandsMemoryBoundedOnHostileObjects(t *testing.T) {
	if testing.Short() {
		t.Skip("builds large fixtures")
	}
	sizes := memSizes()
	for _, f := range repotest.MemFixtures {
		t.Run(string(f), func(t *testing.T) {
			start := time.Now()
			r := repotest.HostileMem(t, f, sizes[f])
			t.Logf("fixture %s (%d bytes): built in %v", f, sizes[f], time.Since(start).Round(time.Millisecond))
			file := map[repotest.MemFixture]string{repotest.MemNoNewline: "big.txt", repotest.MemZeros: "big.bin",
				repotest.MemMessage: "README", repotest.MemLongLine: "long.txt"}[f]
			env := []string{"XDG_CACHE_HOME=" + filepath.Join(t.TempDir(), "cache"), "GOMEMLIMIT=off"}
			for _, c := range memCases(f, r.Dir, r.Commits[0].String(), file) {
				began := time.Now()
				got := runMeasured(t, env, c.args...)
				t.Logf("%-20s %-12s peak %4d MiB, exit %d, %v", f, c.name, got.peak>>20, got.code, time.Since(began).Round(time.Millisecond))
				switch {
				case got.killed:
					t.Errorf("%s %s: killed at over %d MiB resident", f, c.name, memKill>>20)
				case got.peak > memCeiling:
					t.Errorf("%s %s: peak RSS %d MiB, want at most %d MiB", f, c.name, got.peak>>20, memCeiling>>20)
				}
				if got.code > 1 || !strings.Contains(got.out+got.errOut, c.want) {
					t.Errorf("%s %s: exit %d, output lacks %q:\n%.2000s\nstderr: %.2000s", f, c.name, got.code, c.want, got.out, got.errOut)
				}
			}
		})
	}
}
