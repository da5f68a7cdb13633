package bundle

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"sightline/review"
)

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("../../testdata/sarif-2.1.0.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // uri, uri-reference and date-time are checked too
	if err := c.AddResource("file:///sarif-2.1.0.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("file:///sarif-2.1.0.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateSARIF(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(inst)
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	fx := newExportFixture(t)
	out := fx.export(t, "findings.sarif", FormatSARIF, true)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := sarifSchema(t)
	if err := validateSARIF(t, s, data); err != nil {
		t.Fatalf("SARIF does not validate: %v\n%s", err, data)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string }
				}
			}
			VersionControlProvenance []struct{ RevisionID string }
			Results                  []struct {
				RuleID    string
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, EndLine int }
					}
				}
				CodeFlows []struct {
					ThreadFlows []struct {
						Locations []json.RawMessage
					}
				}
				PartialFingerprints map[string]string
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs", len(log.Runs))
	}
	run := log.Runs[0]
	if run.VersionControlProvenance[0].RevisionID != fx.pinRev.Commit.String() {
		t.Errorf("revisionId = %q", run.VersionControlProvenance[0].RevisionID)
	}
	if len(run.Tool.Driver.Rules) != 2 || run.Tool.Driver.Rules[0].ID != "CWE-78" {
		t.Errorf("rules = %+v", run.Tool.Driver.Rules)
	}
	r := run.Results[0]
	if r.RuleID != "CWE-78" || r.Level != "error" || len(r.CodeFlows[0].ThreadFlows[0].Locations) != 2 ||
		r.Locations[0].PhysicalLocation.Region.StartLine != 2 || r.Locations[0].PhysicalLocation.Region.EndLine != 3 ||
		!strings.HasPrefix(r.PartialFingerprints["sightline/firstStepLineHash/v1"], "102042853a13") {
		t.Errorf("result 1 = %+v", r)
	}
	if got := run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "src/%FF%FEname.c" || run.Results[1].Level != "note" {
		t.Errorf("result 2 uri %q level %q", got, run.Results[1].Level)
	}
	a := fx.export(t, "again.sarif", FormatSARIF, true)
	again, _ := os.ReadFile(a)
	if !bytes.Equal(data, again) {
		t.Error("two SARIF exports differ")
	}
}

// The schema must be able to fail: a result without a message and a
// region starting at line 0 are refused.
func TestSARIFSchemaRejectsBrokenLogs(t *testing.T) {
	s := sarifSchema(t)
	for name, doc := range map[string]string{
		"no message":  `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"a"}]}]}`,
		"line 0":      `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a"},"region":{"startLine":0}}}]}]}]}`,
		"extra field": `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","colour":"red"}}}]}`,
		"bad level":   `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"high"}]}]}`,
		"no repo uri": `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"versionControlProvenance":[{"revisionId":"abc"}]}]}`,
	} {
		if err := validateSARIF(t, s, []byte(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestMarkdownEscapesUntrustedText(t *testing.T) {
	b := &Bundle{Format: BundleFormat, Repository: BundleRepository{Name: "<img src=x onerror=alert(1)>"},
		Reviewer: "r", Findings: []BundleFinding{{ID: "F-0001", Title: "[click](javascript:alert(1)) | *bold* \x1b[31m",
			Severity: review.SeverityHigh, Status: review.StatusOpen, Description: "```\n</details><script>x</script>\n```",
			Steps: []BundleStep{{Note: "# heading\nsecond", Location: BundleLocation{Path: "a|b<c>.c", StartLine: 1, EndLine: 1},
				Snippet: "````\nline\n"}}}}}
	md := RenderMarkdown(b)
	for _, bad := range []string{": <img", "[click](", "\x1b", "| *bold*", "\n# heading", "a|b"} {
		if strings.Contains(md, bad) {
			t.Errorf("markdown holds %q unescaped:\n%s", bad, md)
		}
	}
	for _, want := range []string{`\<img src\=x onerror\=alert\(1\)\>`, "\\[click\\]\\(javascript\\:alert\\(1\\)\\)", "^\\[\\[31m", "````text\n```\n</details><script>x</script>\n```\n````\n", "`````text\n   ````\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}
