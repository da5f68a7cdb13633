package export

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sightline/repo/repotest"
	"sightline/repo/repotest/pintest"
	"sightline/review"
	"sightline/review/bundle"
	"sightline/tui/form"
	"sightline/tui/theme"
	"sightline/tui/tuitest"
)

// fill drives the dialog: format (right presses from bundle), output,
// key, identity; enter on the last field submits.
func fill(t *testing.T, rights int, out, key, ident string) []string {
	t.Helper()
	m := Form(Defaults{Output: "/tmp/default.json", Identity: "bob"}, theme.PlainStyles())
	var msgs []tea.Msg
	feed := func(ks ...tea.KeyMsg) {
		for _, k := range ks {
			var cmd tea.Cmd
			m, cmd = m.Update(k)
			msgs = append(msgs, tuitest.Exec(t, cmd)...)
		}
	}
	for i := 0; i < rights; i++ {
		feed(tuitest.Key("right"))
	}
	feed(tuitest.Key("tab"), tuitest.Key("ctrl+u"))
	feed(tuitest.Type(out)...)
	feed(tuitest.Key("tab"))
	feed(tuitest.Type(key)...)
	feed(tuitest.Key("tab"), tuitest.Key("tab"), tuitest.Key("tab"), tuitest.Key("ctrl+u"))
	feed(tuitest.Type(ident)...)
	feed(tuitest.Key("tab"), tuitest.Key("enter"))
	if len(msgs) != 1 {
		t.Fatalf("want one SubmittedMsg, got %v\n%s", msgs, m.View())
	}
	sub, ok := msgs[0].(form.SubmittedMsg)
	if !ok || sub.ID != FormID {
		t.Fatalf("got %#v", msgs[0])
	}
	return sub.Values
}

func TestParse(t *testing.T) {
	req, err := Parse(fill(t, 1, "/x/out.sarif", "", "alice"))
	if err != nil || req.Format != bundle.FormatSARIF || req.Output != "/x/out.sarif" || req.Identity != "alice" || req.Agent || req.Snippets {
		t.Errorf("sarif request %+v, %v", req, err)
	}
	if _, err := Parse(fill(t, 0, "/x/out.json", "", "alice")); err == nil || !strings.Contains(err.Error(), "a bundle must be signed") {
		t.Errorf("an unsigned bundle: %v", err)
	}
}

func TestExportBundleFromTheDialog(t *testing.T) {
	rt := repotest.New(t)
	rt.Commit("one", repotest.Tree{"main.c": {Content: "int main() {\n  system(argv[1]);\n}\n"}})
	r, pin := pintest.Head(t, rt)
	dir := t.TempDir()
	ws, err := review.Open(filepath.Join(dir, "ws"), review.MetaFor(r, pin, nil, "alice"))
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	loc, err := review.NewLocation(context.Background(), r, pin.Commit, "main.c", 2, 2, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.AddFinding(review.Finding{Title: "exec of argv", Severity: "high", Steps: []review.Step{{Location: loc}}}); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "key")
	if _, err := bundle.WriteKeyPair(key, "alice", nil); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "findings.json")
	req, err := Parse(fill(t, 0, out, key, "alice"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(ctx context.Context, o bundle.ExportOptions) ([]string, error) {
		o.Workspace, o.Repo = ws, r
		return bundle.Export(ctx, o)
	}
	msgs := tuitest.Exec(t, Run(run, req))
	done, ok := msgs[0].(DoneMsg)
	if !ok || done.Err != nil || len(done.Paths) != 2 || done.Paths[1] != out+".sig" {
		t.Fatalf("export: %#v", msgs)
	}
	signers := filepath.Join(dir, "allowed_signers")
	pub, err := os.ReadFile(key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(signers, []byte("alice "+string(pub)), 0o600); err != nil {
		t.Fatal(err)
	}
	rep := bundle.Verify(context.Background(), bundle.VerifyOptions{BundlePath: out, SignersPath: signers, RepoPath: rt.Dir})
	if !rep.OK() {
		t.Errorf("the exported bundle does not verify: %+v", rep.Checks)
	}
}

func TestEncryptedKeyWithoutPassphrase(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "key")
	if _, err := bundle.WriteKeyPair(key, "alice", []byte("secret")); err != nil {
		t.Fatal(err)
	}
	ran := false
	run := func(context.Context, bundle.ExportOptions) ([]string, error) { ran = true; return nil, nil }
	msgs := tuitest.Exec(t, Run(run, Request{Format: bundle.FormatBundle, Output: filepath.Join(dir, "o.json"), Key: key, Identity: "alice"}))
	done := msgs[0].(DoneMsg)
	if ran || done.Err == nil || !strings.Contains(done.Err.Error(), "type its passphrase") {
		t.Errorf("ran %v, err %v", ran, done.Err)
	}
}
