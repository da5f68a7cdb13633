package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// describeMachine prints what BENCHMARKS.md records about the machine.
func describeMachine(w io.Writer) error {
	fmt.Fprintf(w, "- CPUs: %d (%s)\n", runtime.NumCPU(), procField("/proc/cpuinfo", "model name"))
	fmt.Fprintf(w, "- Memory: %s\n", procField("/proc/meminfo", "MemTotal"))
	fmt.Fprintf(w, "- Go: %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	out, err := exec.Command("git", "--version").Output()
	if err != nil {
		return fmt.Errorf("git --version: %w", err)
	}
	fmt.Fprintf(w, "- git: %s\n", strings.TrimSpace(string(out)))
	// The machine may be shared: the load says how much to trust the run.
	fmt.Fprintf(w, "- Load average at start (1, 5, 15 min): %s\n", loadAverage())
	return nil
}

// loadAverage returns the 1, 5 and 15 minute load averages.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], ", ")
	}
	return "unknown"
}

// procField returns the value of the first "key: value" line of a /proc file.
func procField(file, key string) string {
	f, err := os.Open(file)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == key {
			return strings.Join(strings.Fields(v), " ")
		}
	}
	return "unknown"
}
