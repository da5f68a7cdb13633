package triage

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
)

// MaxFileSize bounds what Parse reads: a SARIF file is decoded whole, so
// this is also about how much memory an import takes (roughly three
// times this at most).
const MaxFileSize = 256 << 20

// MaxResults bounds the results of one import.
const MaxResults = 500_000

// ErrTooLarge is returned for input over MaxFileSize or MaxResults.
var ErrTooLarge = errors.New("scan too large")

// The SARIF 2.1.0 subset we read; everything else is skipped by the
// decoder without being kept.
type sarifLog struct {
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool struct {
		Driver     sarifComponent   `json:"driver"`
		Extensions []sarifComponent `json:"extensions"`
	} `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds"`
	Results            []sarifResult            `json:"results"`
}

type sarifComponent struct {
	Name  string      `json:"name"`
	Rules []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	Name             string       `json:"name"`
	ShortDescription sarifMessage `json:"shortDescription"`
	DefaultConfig    struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties struct {
		Tags     []string `json:"tags"`
		Severity string   `json:"security-severity"`
		CWE      any      `json:"cwe"`
	} `json:"properties"`
	Relationships []struct {
		Target struct {
			ID            string `json:"id"`
			ToolComponent struct {
				Name string `json:"name"`
			} `json:"toolComponent"`
		} `json:"target"`
	} `json:"relationships"`
}

type sarifMessage struct {
	Text      string   `json:"text"`
	Arguments []string `json:"arguments"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifLocation struct {
	Physical struct {
		Artifact sarifArtifact `json:"artifactLocation"`
		Region   struct {
			StartLine int `json:"startLine"`
			EndLine   int `json:"endLine"`
		} `json:"region"`
	} `json:"physicalLocation"`
	Message sarifMessage `json:"message"`
}

type sarifResult struct {
	RuleID    string `json:"ruleId"`
	RuleIndex *int   `json:"ruleIndex"`
	Rule      struct {
		ID    string `json:"id"`
		Index *int   `json:"index"`
	} `json:"rule"`
	Level     string            `json:"level"`
	Message   sarifMessage      `json:"message"`
	Locations []sarifLocation   `json:"locations"`
	Partial   map[string]string `json:"partialFingerprints"`
	CodeFlows []struct {
		ThreadFlows []struct {
			Locations []struct {
				Location sarifLocation `json:"location"`
			} `json:"locations"`
		} `json:"threadFlows"`
	} `json:"codeFlows"`
}

// ParseSARIF reads a SARIF 2.1.0 log. srcRoot, when not "", is the
// directory the scanner ran in: absolute file URIs under it are made
// relative. At most MaxFileSize bytes are read.
func ParseSARIF(r io.Reader, srcRoot string) ([]Result, error) {
	return parseSARIF(r, srcRoot, MaxFileSize)
}

func parseSARIF(r io.Reader, srcRoot string, limit int64) ([]Result, error) {
	lr := &io.LimitedReader{R: r, N: limit + 1}
	var log sarifLog
	dec := json.NewDecoder(lr)
	if err := dec.Decode(&log); err != nil {
		if lr.N <= 0 {
			return nil, tooLarge()
		}
		return nil, fmt.Errorf("not a SARIF log: %v", err)
	}
	if lr.N <= 0 {
		return nil, tooLarge()
	}
	if log.Version != "" && log.Version != "2.1.0" {
		return nil, fmt.Errorf("SARIF version %q: only 2.1.0 is read; ask the scanner for SARIF 2.1.0", log.Version)
	}
	var out []Result
	for _, run := range log.Runs {
		if len(out)+len(run.Results) > MaxResults {
			return nil, fmt.Errorf("%w: more than %d results; split the scan (for example by directory)", ErrTooLarge, MaxResults)
		}
		out = append(out, run.parse(srcRoot)...)
	}
	return out, nil
}

func tooLarge() error {
	return fmt.Errorf("%w: over %d MiB; sightline reads SARIF files up to that size: split the scan (for example by directory) or filter it", ErrTooLarge, MaxFileSize>>20)
}

func (run *sarifRun) parse(srcRoot string) []Result {
	tool := strings.TrimSpace(run.Tool.Driver.Name)
	if tool == "" {
		tool = "sarif"
	}
	byID := map[string]*sarifRule{}
	for _, c := range append([]sarifComponent{run.Tool.Driver}, run.Tool.Extensions...) {
		for i := range c.Rules {
			if _, ok := byID[c.Rules[i].ID]; !ok {
				byID[c.Rules[i].ID] = &c.Rules[i]
			}
		}
	}
	out := make([]Result, 0, len(run.Results))
	for i := range run.Results {
		out = append(out, run.result(&run.Results[i], tool, byID, srcRoot))
	}
	return out
}

func (run *sarifRun) result(sr *sarifResult, tool string, byID map[string]*sarifRule, srcRoot string) Result {
	id := sr.RuleID
	if id == "" {
		id = sr.Rule.ID
	}
	idx := sr.RuleIndex
	if idx == nil {
		idx = sr.Rule.Index
	}
	rule := byID[id]
	if rules := run.Tool.Driver.Rules; rule == nil && idx != nil && *idx >= 0 && *idx < len(rules) {
		rule = &rules[*idx]
		id = rule.ID
	}
	res := Result{Tool: tool, Rule: id, Level: sr.Level}
	if rule != nil && res.Level == "" {
		res.Level = rule.DefaultConfig.Level
	}
	res.Severity = severityOf(res.Level)
	res.Message = expand(sr.Message)
	if rule != nil {
		if sev, ok := severityOfScore(rule.Properties.Severity); ok {
			res.Severity = sev
		}
		res.CWE = ruleCWE(rule)
		if res.Message == "" {
			res.Message = rule.ShortDescription.Text
		}
	}
	if len(sr.Locations) > 0 {
		res.Where = run.spot(sr.Locations[0], srcRoot)
	} else {
		res.Where = Spot{Bad: "the scanner gave no location"}
	}
	if len(sr.CodeFlows) > 0 && len(sr.CodeFlows[0].ThreadFlows) > 0 {
		for _, l := range sr.CodeFlows[0].ThreadFlows[0].Locations {
			res.Flow = append(res.Flow, run.spot(l.Location, srcRoot))
		}
	}
	if len(sr.Partial) > 0 {
		keys := make([]string, 0, len(sr.Partial))
		for k := range sr.Partial {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			b.WriteString(k + "=" + sr.Partial[k] + ";")
		}
		res.Partial = b.String()
	}
	return res
}

// ruleCWE finds a rule's CWE in its tags, a "cwe" property, or a
// relationship to the CWE taxonomy.
func ruleCWE(r *sarifRule) string {
	if c := cweOf(r.Properties.Tags...); c != "" {
		return c
	}
	switch v := r.Properties.CWE.(type) {
	case string:
		if c := cweOf(v, "CWE-"+v); c != "" {
			return c
		}
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				if c := cweOf(s, "CWE-"+s); c != "" {
					return c
				}
			}
		}
	}
	for _, rel := range r.Relationships {
		if strings.EqualFold(rel.Target.ToolComponent.Name, "CWE") {
			if c := cweOf("CWE-" + rel.Target.ID); c != "" {
				return c
			}
		}
	}
	return ""
}

// expand fills SARIF's {0}, {1} placeholders from the arguments.
func expand(m sarifMessage) string {
	s := m.Text
	for i, a := range m.Arguments {
		s = strings.ReplaceAll(s, "{"+strconv.Itoa(i)+"}", a)
	}
	return s
}

// spot turns a SARIF location into a repository path and lines.
func (run *sarifRun) spot(l sarifLocation, srcRoot string) Spot {
	a := l.Physical.Artifact
	s := Spot{StartLine: l.Physical.Region.StartLine, EndLine: l.Physical.Region.EndLine, Note: expand(l.Message)}
	if s.EndLine < s.StartLine {
		s.EndLine = s.StartLine
	}
	uri := a.URI
	// uriBaseId names a base (often %SRCROOT%, the directory the scanner
	// ran in, taken to be the repository root). A relative base is a
	// prefix within the repository; an absolute one is that root.
	for seen := 0; a.URIBaseID != "" && seen < 8 && !isAbs(uri); seen++ {
		base, ok := run.OriginalURIBaseIDs[a.URIBaseID]
		if !ok || base.URI == "" || isAbs(base.URI) {
			break
		}
		uri = strings.TrimSuffix(base.URI, "/") + "/" + uri
		a = base
	}
	p, bad := repoPath(uri, srcRoot)
	s.Path, s.Bad = p, bad
	if s.Bad == "" && s.StartLine < 1 {
		s.Bad = "the scanner gave no line"
	}
	return s
}

// repoPath turns a URI into a slash-separated path relative to the
// repository root, or says why it cannot.
func repoPath(uri, srcRoot string) (string, string) {
	if uri == "" {
		return "", "the scanner gave no file"
	}
	p := uri
	if u, err := url.Parse(uri); err == nil && u.Scheme != "" && len(u.Scheme) > 1 {
		if u.Scheme != "file" {
			return uri, "not a file URI"
		}
		p = u.Path
	} else if dec, err := url.PathUnescape(uri); err == nil {
		p = dec
	}
	return cleanPath(p, srcRoot)
}

// cleanPath makes an OS path relative to the repository root (srcRoot,
// when given, is where the scanner ran), or says why it cannot.
func cleanPath(p, srcRoot string) (string, string) {
	if strings.HasPrefix(p, "/") {
		root := strings.TrimSuffix(srcRoot, "/")
		if root == "" || !strings.HasPrefix(p, root+"/") {
			return p, "an absolute path outside the repository; pass --src-root with the directory the scanner ran in"
		}
		p = p[len(root)+1:]
	}
	p = path.Clean(strings.TrimPrefix(p, "./"))
	if p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return p, "a path outside the repository"
	}
	return p, ""
}

func isAbs(uri string) bool {
	return strings.HasPrefix(uri, "/") || strings.HasPrefix(uri, "file:")
}
