package export

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/crypto/ssh"

	"sightline/review"
)

// Memory is what the dialog remembers of a workspace's last export: never
// the passphrase, and never the snippets choice (code leaving the room is
// chosen each time).
type Memory struct {
	Format   string `json:"format"`
	Output   string `json:"output"`
	Key      string `json:"key"`
	Agent    bool   `json:"agent"`
	Identity string `json:"identity"`
}

// memoryPath is where a workspace's Memory is kept: under
// $XDG_STATE_HOME/sightline/export (as the journal heads are), named by
// the workspace's absolute path, so nothing is written into the
// workspace or the repository.
func memoryPath(wsDir string) (string, error) {
	abs, err := filepath.Abs(wsDir)
	if err != nil {
		return "", err
	}
	base, err := review.StateDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(base, "export", hex.EncodeToString(sum[:12])+".json"), nil
}

// LoadMemory reads the workspace's last export settings; none yet is no
// error.
func LoadMemory(wsDir string) (Memory, error) {
	p, err := memoryPath(wsDir)
	if err != nil {
		return Memory{}, err
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return Memory{}, nil
	}
	if err != nil {
		return Memory{}, err
	}
	var mem Memory
	if err := json.Unmarshal(data, &mem); err != nil {
		return Memory{}, fmt.Errorf("%s: %v (delete it to start afresh)", p, err)
	}
	return mem, nil
}

// SaveMemory remembers a request's settings for the workspace.
func SaveMemory(wsDir string, req Request) error {
	p, err := memoryPath(wsDir)
	if err != nil {
		return err
	}
	data, err := json.MarshalIndent(Memory{Format: string(req.Format), Output: req.Output, Key: req.Key,
		Agent: req.Agent, Identity: req.Identity}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	return review.WriteFileAtomic(filepath.Dir(p), filepath.Base(p), append(data, '\n'))
}

// Prepare is the dialog's defaults for a workspace: the last export's
// settings, else an output file next to the workspace (not the home
// directory, nor the repository, where Export refuses to write) and the
// reviewer as the identity. It reads one small file.
func Prepare(wsDir, commitShort, reviewer string) (Defaults, error) {
	d := Defaults{
		Output:   filepath.Join(filepath.Dir(filepath.Clean(wsDir)), "findings-"+commitShort+".json"),
		Identity: reviewer,
	}
	mem, err := LoadMemory(wsDir)
	if err != nil {
		return d, err
	}
	if mem.Output != "" {
		d.Output = mem.Output
	}
	d.Format, d.Key, d.Agent = mem.Format, mem.Key, mem.Agent
	if mem.Identity != "" {
		d.Identity = mem.Identity
	}
	return d, nil
}

// KeyComment is the comment of a key file's public half (FILE.pub, or FILE
// itself when it is the public key): ssh-keygen and sightline keygen put
// the signer's principal there. "" when there is none.
func KeyComment(keyPath string) string {
	pub := keyPath
	if !strings.HasSuffix(pub, ".pub") {
		pub += ".pub"
	}
	data, err := os.ReadFile(pub)
	if err != nil {
		return ""
	}
	_, comment, _, _, err := ssh.ParseAuthorizedKey(data)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(comment)
}
