package export

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"sightline/review/bundle"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// The dialog remembers format, output, key, agent and identity per
// workspace (not the passphrase), defaults the output next to the
// workspace, and takes an empty identity from the key's comment.
func TestDialogRemembersPerWorkspace(t *testing.T) {
	dir := t.TempDir()
	ws, other := filepath.Join(dir, "ws"), filepath.Join(dir, "other", "ws")
	d, err := Prepare(ws, "abc123", "Alice")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "findings-abc123.json"); d.Output != want || d.Identity != "Alice" || d.Key != "" {
		t.Fatalf("first defaults %+v, want output %s next to the workspace", d, want)
	}
	key := filepath.Join(dir, "id")
	if _, err := bundle.WriteKeyPair(key, "reviewer1@agency.example", nil); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out", "f.sarif")
	var got bundle.ExportOptions
	run := func(_ context.Context, o bundle.ExportOptions) ([]string, error) {
		got = o
		return []string{o.Output}, nil
	}
	req := Request{Format: bundle.FormatSARIF, Output: out, Key: key, Passphrase: "not kept", Workspace: ws}
	msgs := tuitest.Exec(t, Run(run, req))
	if done := msgs[0].(DoneMsg); done.Err != nil || got.Identity != "reviewer1@agency.example" {
		t.Fatalf("export %+v, identity %q: want the key's comment", done, got.Identity)
	}
	d, err = Prepare(ws, "abc123", "Alice")
	if err != nil {
		t.Fatal(err)
	}
	want := Defaults{Format: "sarif", Output: out, Key: key, Identity: "reviewer1@agency.example"}
	if d != want {
		t.Errorf("remembered %+v, want %+v", d, want)
	}
	v := ansi.Strip(Form(d, theme.PlainStyles()).View())
	for _, w := range []string{"sarif", out, key, "reviewer1@agency.example"} {
		if !strings.Contains(v, w) {
			t.Errorf("the dialog lacks %q:\n%s", w, v)
		}
	}
	if od, _ := Prepare(other, "abc123", "Alice"); od.Key != "" || od.Output != filepath.Join(dir, "other", "findings-abc123.json") {
		t.Errorf("another workspace got %+v", od)
	}
	mem, _ := LoadMemory(ws)
	if strings.Contains(mem.Key+mem.Identity+mem.Output, "not kept") {
		t.Error("the passphrase was remembered")
	}
}

func TestEmptyIdentityWithoutCommentIsRefused(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "id")
	if _, err := bundle.WriteKeyPair(key, "", nil); err != nil {
		t.Fatal(err)
	}
	ran := false
	run := func(context.Context, bundle.ExportOptions) ([]string, error) { ran = true; return nil, nil }
	done := tuitest.Exec(t, Run(run, Request{Format: bundle.FormatBundle, Output: filepath.Join(dir, "o.json"), Key: key}))[0].(DoneMsg)
	if ran || done.Err == nil || !strings.Contains(done.Err.Error(), "identity: give the principal") {
		t.Errorf("ran %v, err %v", ran, done.Err)
	}
}

// No hint wraps in a dialog 60 columns wide.
func TestHintsFitOnTheLabelLine(t *testing.T) {
	f := Form(Defaults{}, theme.PlainStyles())
	f.SetWidth(60)
	f.SetHeight(40)
	v := ansi.Strip(f.View())
	for _, label := range []string{"Format", "Output file", "Key file", "Use ssh-agent", "Passphrase", "Identity", "Include source snippets"} {
		for _, l := range strings.Split(v, "\n") {
			if strings.Contains(l, label) && !strings.Contains(l, "  ") {
				t.Errorf("label line %q has no hint", l)
			}
		}
	}
	for _, w := range []string{"bundle is signed; ←/→", "private key; agent: its .pub or empty", "principal; empty: the key's comment"} {
		if !strings.Contains(v, w) {
			t.Errorf("hint %q wrapped or missing:\n%s", w, v)
		}
	}
}
