package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// manifest is what mkrepo writes to .git/mkrepo.json.
type manifest struct {
	Files      int    `json:"files"`
	Commits    int    `json:"commits"`
	Head       string `json:"head"`
	BaseTag    string `json:"base_tag"`
	BlameFile  string `json:"blame_file"`
	MediumFile string `json:"medium_file"`
	MiBFile    string `json:"mib_file"`
	LongFile   string `json:"long_file"`
}

func readManifest(dir string) (manifest, error) {
	var m manifest
	b, err := os.ReadFile(filepath.Join(dir, ".git", "mkrepo.json"))
	if err != nil {
		return m, fmt.Errorf("%w; generate the repository with mkrepo first", err)
	}
	return m, json.Unmarshal(b, &m)
}

// harness holds one run's settings.
type harness struct {
	dir       string
	sightline string
	self      string
	reps      int
	smoke     bool
	timeout   time.Duration
	built     map[string]bool // subcommands the sightline binary has
	cacheRoot string          // parent of the cache dirs given to sightline
	warmDir   string          // cache dir with the search index built, once made
	out       io.Writer
}

// result is the measured outcome of one operation.
type result struct {
	op          operation
	sight, git  []sample
	sightNA     string // why the sightline side was not run
	sightIsProc bool
}

// builtCommands asks the sightline binary which subcommands it has.
func builtCommands(bin string) (map[string]bool, error) {
	var out bytes.Buffer
	s := runCapture(time.Minute, nil, &out, bin, "--help")
	if s.err != nil {
		return nil, s.err
	}
	cmds := map[string]bool{}
	inList := false
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "Commands:") {
			inList = true
			continue
		}
		if inList && strings.HasPrefix(line, "  ") {
			if f := strings.Fields(line); len(f) > 0 {
				cmds[f[0]] = true
			}
		}
	}
	return cmds, nil
}

// runAll measures every operation and prints the table; it returns an
// error when any operation failed (never for being slow).
func (h *harness) runAll(ops []operation) error {
	var results []result
	failed := 0
	for _, op := range ops {
		r := h.measure(op)
		results = append(results, r)
		for _, s := range append(append([]sample{}, r.sight...), r.git...) {
			if s.err != nil && !errors.Is(s.err, errTimeout) {
				failed++
				fmt.Fprintf(os.Stderr, "benchops: %s: %v\n", op.name, s.err)
				break
			}
		}
		fmt.Fprintf(os.Stderr, "benchops: %-48s done\n", op.name)
	}
	h.printTable(results)
	fmt.Fprintf(h.out, "\nLoad average at end (1, 5, 15 min): %s\n", loadAverage())
	if failed > 0 {
		return fmt.Errorf("%d operation(s) failed", failed)
	}
	return nil
}

// measure runs both sides of op, alternating, after one unmeasured warm-up
// of each (skipped in a smoke run, except the warm-cache fill).
func (h *harness) measure(op operation) result {
	r := result{op: op}
	if op.sight.sub != "" && !h.built[op.sight.sub] {
		r.sightNA = "n/a (not built yet)"
	} else if op.sight.inproc != "" && inprocSteps[op.sight.inproc] == nil {
		r.sightNA = "n/a (not built yet)"
	}
	warmDir := ""
	if op.sight.cache == "warm" && r.sightNA == "" {
		d, err := h.warmCache()
		if err != nil {
			r.sight = append(r.sight, sample{err: err})
			return r
		}
		warmDir = d
	}
	if !h.smoke {
		if r.sightNA == "" {
			h.runSight(op.sight, warmDir)
		}
		if op.git != nil {
			h.runGit(*op.git)
		}
	}
	for i := range h.reps {
		sightFirst := i%2 == 0
		for turn := range 2 {
			if (turn == 0) == sightFirst {
				if r.sightNA == "" {
					r.sight = append(r.sight, h.runSight(op.sight, warmDir))
				}
			} else if op.git != nil {
				r.git = append(r.git, h.runGit(*op.git))
			}
		}
	}
	return r
}

// warmCache returns the cache directory holding the search index of HEAD,
// building the index the first time (once per run: it is slow on the
// large repository).
func (h *harness) warmCache() (string, error) {
	if h.warmDir != "" {
		return h.warmDir, nil
	}
	d := h.newCacheDir()
	if s := h.runSight(side{inproc: "buildindex"}, d); s.err != nil {
		return "", fmt.Errorf("building the search index: %w", s.err)
	}
	h.warmDir = d
	return d, nil
}

func (h *harness) newCacheDir() string {
	d, err := os.MkdirTemp(h.cacheRoot, "cache-")
	if err != nil {
		return filepath.Join(h.cacheRoot, "cache-fallback")
	}
	return d
}

// runSight runs the sightline side once. A cold run gets a fresh, empty
// cache directory; a warm one the shared directory filled before.
func (h *harness) runSight(s side, warmDir string) sample {
	cache := warmDir
	if s.cache == "cold" || cache == "" {
		cache = h.newCacheDir()
		defer os.RemoveAll(cache)
	}
	env := []string{"XDG_CACHE_HOME=" + cache}
	if s.inproc != "" {
		return h.runInproc(s, env)
	}
	return runProcExit(h.timeout, env, s.okExit, h.sightline, s.args...)
}

func (h *harness) runGit(s side) sample {
	prog := "git"
	if s.prog != "" {
		prog = s.prog
	}
	return runProcExit(h.timeout, nil, s.okExit, prog, s.args...)
}

// runInproc runs an in-process step in a child benchops, so that its peak
// RSS is its own. The child prints one "ns N" line per iteration; the
// sample's wall time is the median of those.
func (h *harness) runInproc(s side, env []string) sample {
	var out bytes.Buffer
	iters := max(1, s.iters)
	smp := runCapture(h.timeout, env, &out, h.self, "step", "-repo", h.dir, "-iters", strconv.Itoa(iters), "-arg", s.arg, s.inproc)
	if smp.err != nil {
		return smp
	}
	var ns []time.Duration
	smp.lines = 0
	for _, line := range strings.Split(out.String(), "\n") {
		if v, ok := strings.CutPrefix(line, "ns "); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err == nil {
				ns = append(ns, time.Duration(n))
			}
		} else if v, ok := strings.CutPrefix(line, "lines "); ok {
			smp.lines, _ = strconv.Atoi(v)
		}
	}
	if len(ns) == 0 {
		smp.err = fmt.Errorf("step %s printed no timing", s.inproc)
		return smp
	}
	smp.wall = median(ns)
	return smp
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
