package bundle

import (
	"os"

	"golang.org/x/crypto/ssh"
)

// SignerOptions says which key signs an export. The command line's flags
// and the TUI's export dialog both fill it in and call LoadSigner.
type SignerOptions struct {
	// Key is the private key file; with Agent, it is the public key that
	// picks the agent's key (KEY, else KEY.pub; "" takes the first key).
	Key string
	// Agent signs with the ssh-agent at $SSH_AUTH_SOCK, so the private
	// key never enters this process (a hardware token works).
	Agent bool
	// Passphrase is asked only when the key file turns out to be
	// encrypted; nil means there is no way to ask (see LoadKeyFile).
	Passphrase PassphraseFunc
}

// AgentKeyError is LoadSigner's error when, with the agent, the key file
// meant to pick the agent's key is not a public key (neither KEY nor
// KEY.pub reads as one). It says nothing of its own, so each caller
// words the context its reviewer knows (a flag, a dialog field).
type AgentKeyError struct{ Err error }

func (e *AgentKeyError) Error() string { return e.Err.Error() }

// Unwrap returns the error reading the public key.
func (e *AgentKeyError) Unwrap() error { return e.Err }

// LoadSigner returns the signer opts name and a function that releases it
// (the agent's connection; a no-op for a key file), which the caller must
// call when done signing. With neither a key file nor the agent it
// returns a nil signer and no error: a SARIF or Markdown export is then
// written unsigned, and Export refuses an unsigned bundle.
func LoadSigner(opts SignerOptions) (ssh.Signer, func(), error) {
	if opts.Agent {
		return agentSigner(opts.Key)
	}
	if opts.Key == "" {
		return nil, func() {}, nil
	}
	s, err := LoadKeyFile(opts.Key, opts.Passphrase)
	if err != nil {
		return nil, nil, err
	}
	return s, func() {}, nil
}

// agentSigner finds in the agent the key whose public half is in key
// (or key+".pub"), or the agent's first key when key is "".
func agentSigner(key string) (ssh.Signer, func(), error) {
	var want ssh.PublicKey
	if key != "" {
		k, err := LoadPublicKey(key)
		if err != nil {
			k, err = LoadPublicKey(key + ".pub")
		}
		if err != nil {
			return nil, nil, &AgentKeyError{Err: err}
		}
		want = k
	}
	s, closer, err := AgentSigner(os.Getenv("SSH_AUTH_SOCK"), want)
	if err != nil {
		return nil, nil, err
	}
	return s, func() { _ = closer() }, nil
}
