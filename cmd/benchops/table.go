package main

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

func fmtMs(ms float64) string {
	switch {
	case ms >= 10000:
		return fmt.Sprintf("%.1f s", ms/1000)
	case ms >= 1000:
		return fmt.Sprintf("%.2f s", ms/1000)
	case ms >= 100:
		return fmt.Sprintf("%.0f ms", ms)
	case ms >= 10:
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.2f ms", ms)
}

func fmtRatio(r float64) string {
	if r >= 10 {
		return fmt.Sprintf("%.0f×", r)
	}
	return fmt.Sprintf("%.2f×", r)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// summary is one side's figures: median wall time, peak RSS, output lines.
type summary struct {
	ok     bool
	medMs  float64
	rssMB  float64
	lines  int
	errMsg string
}

func summarize(ss []sample) summary {
	var ds []time.Duration
	var sum summary
	for _, s := range ss {
		if s.err != nil {
			sum.errMsg = "error"
			if errors.Is(s.err, errTimeout) {
				sum.errMsg = s.err.Error()
			}
			return sum
		}
		ds = append(ds, s.wall)
		sum.rssMB = max(sum.rssMB, float64(s.rssKB)/1024)
		sum.lines = s.lines
	}
	if len(ds) == 0 {
		return sum
	}
	sum.ok, sum.medMs = true, ms(median(ds))
	return sum
}

// cell renders a side's median, or why there is none.
func (s summary) cell(na string) string {
	switch {
	case na != "":
		return na
	case s.errMsg != "":
		return s.errMsg
	case !s.ok:
		return "—"
	}
	return fmtMs(s.medMs)
}

func (s summary) rss() string {
	if !s.ok {
		return "—"
	}
	return fmt.Sprintf("%.0f MB", s.rssMB)
}

// verdict says whether the sightline side meets its target (time and
// peak RSS); targets apply to the large repository, so other sizes only
// report.
func verdict(r result, s, g summary) string {
	if !s.ok {
		return "—"
	}
	var miss []string
	t := r.op.target
	if t.maxMs > 0 && s.medMs > t.maxMs {
		miss = append(miss, "time")
	}
	if t.maxRatio > 0 {
		if !g.ok || g.medMs == 0 {
			return "—"
		}
		if s.medMs/g.medMs > t.maxRatio {
			miss = append(miss, "ratio")
		}
	}
	if limit := t.maxRSSMB; limit > 0 && s.rssMB > limit || s.rssMB > maxRSSMB {
		miss = append(miss, "RSS")
	}
	if len(miss) > 0 {
		return "no (" + strings.Join(miss, ", ") + ")"
	}
	return "yes"
}

func (h *harness) printTable(results []result) {
	w := h.out
	fmt.Fprintf(w, "| operation | sightline | git | ratio | sightline peak RSS | git peak RSS | target, large repo (and RSS ≤ %d MB) | met | output lines s/g |\n", maxRSSMB)
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---|---|---:|")
	for _, r := range results {
		s, g := summarize(r.sight), summarize(r.git)
		ratio := "—"
		if s.ok && g.ok && g.medMs > 0 {
			ratio = fmtRatio(s.medMs / g.medMs)
		}
		gitCell := g.cell("")
		if r.op.git == nil {
			gitCell = "(no git equivalent)"
		}
		lines := "—"
		if s.ok || g.ok {
			lines = fmt.Sprintf("%d / %d", s.lines, g.lines)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			r.op.name, s.cell(r.sightNA), gitCell, ratio, s.rss(), g.rss(), r.op.target, verdict(r, s, g), lines)
	}
}
