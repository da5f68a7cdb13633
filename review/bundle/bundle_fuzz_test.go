package bundle

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzReadBundle: the strict reader never panics, and whatever it accepts
// is a bundle it would write back byte for byte (so one reading is the
// only reading).
func FuzzReadBundle(f *testing.F) {
	good := []byte(`{
  "format": "sightline-findings/1",
  "tool": {"name": "sightline", "version": "v1"},
  "repository": {"name": "r", "objectFormat": "sha1"},
  "pin": {"commit": "87286e20042011e7294825f1beaecba6139022bf", "tree": "eaa6c64d7452d0adb0d40487700d7970c965da28", "ref": "main"},
  "reviewer": "reviewer1@agency.example",
  "created": "2026-01-01T00:00:00Z",
  "coverage": {"paths": [{"path": "src/\ufffd.c", "pathBytes": "c3JjL/8uYw==", "blob": "825b0755c9572cc447fb04887ea48c05a149c541", "lines": 3}], "counts": {"reviewedFiles": 1, "totalFiles": 2, "reviewedLines": 3, "totalLines": 4}},
  "findings": [{"id": "F-0001", "title": "t", "severity": "high", "cwe": "CWE-78", "status": "open", "description": "d",
    "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z",
    "steps": [{"note": "n", "location": {"commit": "87286e20042011e7294825f1beaecba6139022bf", "path": "a.c",
      "blob": "825b0755c9572cc447fb04887ea48c05a149c541", "startLine": 2, "endLine": 3,
      "lineHash": "sha256:b7e11f71e2f3f9ab6e1aed29c5c30dd156dbe2bb9aaf41c021a34a8f0a265ff7", "side": "pin"}}]}]
}
`)
	if _, err := ReadBundle(good); err != nil {
		f.Fatalf("seed does not parse: %v", err)
	}
	f.Add(good)
	f.Add(bytes.Replace(good, []byte(`"reviewer"`), []byte(`"Reviewer"`), 1))
	f.Add(bytes.Replace(good, []byte(`"startLine": 2`), []byte(`"startLine": 2.5`), 1))
	f.Add(append([]byte("\xef\xbb\xbf"), good...))
	f.Add([]byte(`{"format":"sightline-findings/1","format":"x"}`))
	f.Add([]byte(`{"a":"\ud800"}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(``))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadBundle(data)
		if err != nil {
			if !errors.Is(err, ErrNotStrict) {
				t.Fatalf("error %v does not wrap ErrNotStrict", err)
			}
			return
		}
		out, err := b.Marshal()
		if err != nil {
			t.Fatalf("accepted bundle does not marshal: %v", err)
		}
		if _, err := ReadBundle(out); err != nil {
			t.Fatalf("re-encoded bundle refused: %v\n%s", err, out)
		}
	})
}
