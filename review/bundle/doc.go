// Package bundle turns a review into the files that leave the room and
// checks them on arrival: the signed findings bundle (strict,
// byte-stable JSON), its SARIF and Markdown renderings, the detached SSH
// signature (SSHSIG, as ssh-keygen -Y sign writes it), the signing keys
// and signers (key files, ssh-agent, allowed_signers), and Verify, which
// trusts nothing in a bundle before its signature and signer pass.
//
// It reads the review only through package review's exported API, so the
// workspace's invariants stay where they are kept.
package bundle
