// Package export is the export dialog (E): which format, where to write,
// which key signs (a key file, with its passphrase when it is encrypted,
// or the ssh-agent), the signing identity and whether to include source
// snippets. It builds the form, turns its values into a Request, and runs
// the export in a Cmd that answers with where it wrote.
package export

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/crypto/ssh"

	"sightline/review/bundle"
	"sightline/tui/form"
	"sightline/tui/theme"
)

// FormID is the id of the export form's messages.
const FormID = "export"

// The dialog's fields, in order.
const (
	fieldFormat = iota
	fieldOutput
	fieldKey
	fieldAgent
	fieldPassphrase
	fieldIdentity
	fieldSnippets
)

// Request is what the reviewer asked for in the dialog.
type Request struct {
	Format     bundle.ExportFormat
	Output     string
	Key        string // key file; with Agent, the public key to pick (optional)
	Agent      bool
	Passphrase string // for an encrypted key file; "" when it is not
	Identity   string // "" takes the key's comment (KeyComment)
	Snippets   bool
	Workspace  string // when set, a successful export is remembered for it (SaveMemory)
}

// Defaults pre-fill the dialog (Prepare reads a workspace's).
type Defaults struct {
	Format   string
	Output   string
	Key      string
	Agent    bool
	Identity string
}

// Form builds the export dialog.
func Form(d Defaults, s theme.Styles) form.Model {
	yesNo := []string{"no", "yes"}
	agent := "no"
	if d.Agent {
		agent = "yes"
	}
	// Hints are short: a hint that wraps pushes the fields off a small
	// dialog.
	fields := []form.Field{
		{Label: "Format", Kind: form.Choice, Value: d.Format, Choices: []string{"bundle", "sarif", "markdown"}, Hint: "bundle is signed; ←/→",
			Validate: func(v string) error { _, err := bundle.ParseExportFormat(v); return err }},
		{Label: "Output file", Kind: form.Line, Value: d.Output, Hint: "FILE.sig goes beside it",
			Validate: nonEmpty("output file: give the path of the file to write")},
		{Label: "Key file", Kind: form.Line, Value: d.Key, Hint: "private key; agent: its .pub or empty"},
		{Label: "Use ssh-agent", Kind: form.Choice, Value: agent, Choices: yesNo, Hint: "SSH_AUTH_SOCK's agent"},
		{Label: "Passphrase", Kind: form.Line, Secret: true, Hint: "encrypted key only"},
		{Label: "Identity", Kind: form.Line, Value: d.Identity, Hint: "principal; empty: the key's comment"},
		{Label: "Include source snippets", Kind: form.Choice, Choices: yesNo, Hint: "enter exports"},
	}
	return form.New(FormID, "Export findings", fields, s)
}

func nonEmpty(msg string) func(string) error {
	return func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New(msg)
		}
		return nil
	}
}

// extensions are the file name endings of the formats.
var extensions = map[string]string{"bundle": ".json", "sarif": ".sarif", "markdown": ".md"}

// FollowFormat changes the output file's extension when the format was
// just changed (before are the values before the key), so that a SARIF or
// Markdown export does not overwrite the signed bundle of the same name.
func FollowFormat(f *form.Model, before []string) {
	after := f.Values()
	if len(before) <= fieldOutput || len(after) <= fieldOutput || before[fieldFormat] == after[fieldFormat] {
		return
	}
	out, old := after[fieldOutput], extensions[before[fieldFormat]]
	if old != "" && strings.HasSuffix(out, old) {
		f.SetValue(fieldOutput, strings.TrimSuffix(out, old)+extensions[after[fieldFormat]])
	}
}

// Parse turns the dialog's values into a Request, refusing a bundle with
// no way to sign.
func Parse(values []string) (Request, error) {
	if len(values) <= fieldSnippets {
		return Request{}, errors.New("export form: missing fields")
	}
	f, err := bundle.ParseExportFormat(values[fieldFormat])
	if err != nil {
		return Request{}, err
	}
	r := Request{
		Format: f, Output: strings.TrimSpace(values[fieldOutput]), Key: strings.TrimSpace(values[fieldKey]),
		Agent: values[fieldAgent] == "yes", Passphrase: values[fieldPassphrase],
		Identity: strings.TrimSpace(values[fieldIdentity]), Snippets: values[fieldSnippets] == "yes",
	}
	if r.Format == bundle.FormatBundle && r.Key == "" && !r.Agent {
		return Request{}, errors.New("a bundle must be signed: give a key file, or choose the ssh-agent")
	}
	return r, nil
}

// DoneMsg answers an export: the files written, or why nothing was.
type DoneMsg struct {
	Paths []string
	Err   error
}

// Runner writes an export; the review controller (tui/annotate) passes
// bundle.Export with the workspace and repository filled in.
type Runner func(ctx context.Context, opts bundle.ExportOptions) ([]string, error)

// Run loads the signer and exports in the background; an empty identity
// is the key's comment. A successful export is remembered for
// req.Workspace; failing to remember is said, the files are written.
func Run(run Runner, req Request) tea.Cmd {
	return func() tea.Msg {
		if req.Identity == "" && req.Key != "" {
			req.Identity = KeyComment(req.Key)
		}
		if req.Identity == "" {
			return DoneMsg{Err: errors.New("identity: give the principal that signs, as in allowed_signers (the key file's .pub has no comment to take it from)")}
		}
		signer, closeSigner, err := loadSigner(req)
		if err != nil {
			return DoneMsg{Err: err}
		}
		defer closeSigner()
		paths, err := run(context.Background(), bundle.ExportOptions{
			Identity: req.Identity, Signer: signer, Format: req.Format,
			Output: req.Output, IncludeSnippets: req.Snippets,
		})
		if err == nil && req.Workspace != "" {
			if merr := SaveMemory(req.Workspace, req); merr != nil {
				return DoneMsg{Paths: paths, Err: fmt.Errorf("exported %s, but could not remember the settings: %w", strings.Join(paths, " and "), merr)}
			}
		}
		return DoneMsg{Paths: paths, Err: err}
	}
}

// loadSigner reads the key file or asks the agent. A SARIF or Markdown
// export without a key is written unsigned.
func loadSigner(req Request) (ssh.Signer, func(), error) {
	pass := func(path string) ([]byte, error) {
		if req.Passphrase == "" {
			return nil, errors.New("the key is encrypted: type its passphrase in the dialog")
		}
		return []byte(req.Passphrase), nil
	}
	return bundle.LoadSigner(bundle.SignerOptions{Key: req.Key, Agent: req.Agent, Passphrase: pass})
}
