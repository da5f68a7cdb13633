package bundle

import (
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"sync"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

// NamespaceVerifier is VerifyNamespace for many signatures made by a few
// keys (a team pull checks 100,000): it parses each distinct public key
// once and skips the per-signature copies VerifyNamespace makes. It
// accepts and refuses exactly what VerifyNamespace does, with the same
// messages. Safe for concurrent use.
type NamespaceVerifier struct {
	namespace string
	mu        sync.Mutex
	keys      map[string]ssh.PublicKey // SSH wire form -> parsed key
}

// NewNamespaceVerifier returns a verifier for namespace.
func NewNamespaceVerifier(namespace string) *NamespaceVerifier {
	return &NamespaceVerifier{namespace: namespace, keys: map[string]ssh.PublicKey{}}
}

// blob is the SSHSIG wire format: sshsig's own type, unexported (and
// of the same name, which ssh.Unmarshal's messages name).
type blob struct {
	MagicPreamble [6]byte
	Version       uint32
	PublicKey     string
	Namespace     string
	Reserved      string
	HashAlgorithm string
	Signature     string
}

// signedMessage is what an SSHSIG signature signs: the preamble, then
// namespace, reserved (empty), hash algorithm and hash as SSH strings
// (sshsig's signedData.Marshal, without reflection).
func signedMessage(namespace, hashAlg string, hash []byte) []byte {
	b := make([]byte, 0, 6+4*4+len(namespace)+len(hashAlg)+len(hash))
	b = append(b, magicPreamble[:]...)
	for _, f := range [][]byte{[]byte(namespace), nil, []byte(hashAlg), hash} {
		b = binary.BigEndian.AppendUint32(b, uint32(len(f)))
		b = append(b, f...)
	}
	return b
}

var magicPreamble = [6]byte{'S', 'S', 'H', 'S', 'I', 'G'}

// Verify is VerifyNamespace(data, armored, v's namespace).
func (v *NamespaceVerifier) Verify(data, armored []byte) (ssh.PublicKey, error) {
	raw, err := unarmor(armored, nil)
	if err != nil {
		return nil, err
	}
	b, sig, pub, err := v.parse(raw)
	if err != nil {
		return nil, fmt.Errorf("not an SSHSIG signature: %w", err)
	}
	if sshsig.HashAlgorithm(b.HashAlgorithm) != signatureHash {
		return nil, fmt.Errorf("unsupported hash policy: the signature uses %s; sightline accepts sha512 only", b.HashAlgorithm)
	}
	if b.Namespace != v.namespace {
		return nil, fmt.Errorf("the signature is for namespace %q, not %q", b.Namespace, v.namespace)
	}
	// sshsig.Verify's remaining steps: its key comparison is of the
	// signature's key with itself here, so only the signature is left.
	h := sha512.Sum512(data)
	msg := signedMessage(v.namespace, string(signatureHash), h[:])
	if err := pub.Verify(msg, sig); err != nil {
		return nil, fmt.Errorf("the signature does not match the signed bytes (key %s)", ssh.FingerprintSHA256(pub))
	}
	return pub, nil
}

// parse is sshsig.ParseSignature with the public key parsed once per key.
func (v *NamespaceVerifier) parse(raw []byte) (blob, *ssh.Signature, ssh.PublicKey, error) {
	var b blob
	if err := ssh.Unmarshal(raw, &b); err != nil {
		return b, nil, nil, err
	}
	if b.Version != 1 {
		return b, nil, nil, fmt.Errorf("%w %d: expected %d", sshsig.ErrUnsupportedSignatureVersion, b.Version, 1)
	}
	if b.MagicPreamble != magicPreamble {
		return b, nil, nil, fmt.Errorf("%w %q: expected %q", sshsig.ErrInvalidMagicPreamble, b.MagicPreamble, magicPreamble)
	}
	if err := sshsig.HashAlgorithm(b.HashAlgorithm).Supported(); err != nil {
		return b, nil, nil, err
	}
	sig := &ssh.Signature{}
	if err := ssh.Unmarshal([]byte(b.Signature), sig); err != nil {
		return b, nil, nil, err
	}
	v.mu.Lock()
	pub, ok := v.keys[b.PublicKey]
	v.mu.Unlock()
	if !ok {
		var err error
		if pub, err = ssh.ParsePublicKey([]byte(b.PublicKey)); err != nil {
			return b, nil, nil, err
		}
		v.mu.Lock()
		v.keys[b.PublicKey] = pub
		v.mu.Unlock()
	}
	if pub.Type() == ssh.KeyAlgoRSA && sig.Format != ssh.KeyAlgoRSASHA256 && sig.Format != ssh.KeyAlgoRSASHA512 {
		return b, nil, nil, fmt.Errorf("invalid signature format %q: expected %q or %q", sig.Format, ssh.KeyAlgoRSASHA256, ssh.KeyAlgoRSASHA512)
	}
	return b, sig, pub, nil
}
