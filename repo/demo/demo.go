package demo

import (
	"embed"
	"fmt"
	"os"
	"strings"

	"sightline/repo"
)

// demoFS holds the demo repository's history: one directory per commit,
// each with the files that commit adds or changes (see demoHistory).
//
//go:embed all:demodata
var demoFS embed.FS

// The revisions of the demo repository: the release that was reviewed
// last, and the one to review now.
const (
	BaseRev = "v1.0"
	Rev     = "v1.1"
)

// demoCommit is one commit of the demo history.
type demoCommit struct {
	dir        string // under demodata: the files this commit adds or changes
	remove     []string
	author     string // "Name <email>"
	when       string // RFC 3339, with the author's zone
	message    string
	tag        string // annotated tag on this commit, if any
	tagMessage string
}

const (
	maria = "Maria Lindqvist <maria.lindqvist@nordlight.example>"
	kenji = "Kenji Watanabe <kenji.watanabe@nordlight.example>"
	alex  = "Alex Rowan <alex.rowan@nordlight.example>"
)

// demoHistory is otaupd, a firmware update daemon, from its import to
// release 1.1. Between v1.0 and v1.1 are ordinary changes, a rename
// (src/console.c to src/serial.c), a back door slipped into a commit
// titled as a refactor (src/auth.c accepts a hard-coded "provisioning"
// token), and a Trojan Source line (src/update.c: bidi controls make an
// unconditional "goto install", which skips the signature check, look as
// if it were guarded by cfg->allow_unsigned).
var demoHistory = []demoCommit{
	{dir: "1-import", author: maria, when: "2025-02-10T09:12:44+01:00",
		message: "Import otaupd 0.9.3 from the NL-400 firmware tree\n\nThe daemon has shipped inside the firmware image since 0.9; it now gets\nits own repository and release cycle.\n"},
	{dir: "2-config-quoting", author: kenji, when: "2025-02-27T16:03:10+09:00",
		message: "config: accept quoted values and trailing comments\n\nPaths on the lab rigs contain '#'. A value may now be quoted, and an\nunquoted value ends at \" #\".\n"},
	{dir: "3-release-1.0", author: maria, when: "2025-03-14T11:30:00+01:00",
		message: "Release 1.0.0\n",
		tag:     "v1.0", tagMessage: "otaupd 1.0.0\n\nFirst release for field deployment. Security review passed\n(report NLS-SR-2025-004).\n"},
	{dir: "4-serial-rename", author: kenji, when: "2025-04-02T10:21:37+09:00",
		remove:  []string{"src/console.c", "src/console.h"},
		message: "serial: rename console.c to serial.c and read input by line\n\nAn overlong command line used to be run truncated (\"reboot-later\"\nbecame \"reboot\"); it is now discarded.\n"},
	{dir: "5-auth-refactor", author: alex, when: "2025-04-17T22:48:05+00:00",
		message: "auth: refactor token check into auth_check_request()\n\nMoves the Authorization header parsing out of http.c so that the HTTP\nhandler and the serial console share one code path. No functional change.\n"},
	{dir: "6-update-chunks", author: alex, when: "2025-04-29T23:12:51+00:00",
		message: "update: write images to the inactive slot in 64 KiB chunks\n\nThe NL-400 has 128 MiB of RAM; holding a whole image next to the gateway\nservices ran the OOM killer during field updates (NLS-1187).\n\nAlso adds allow_unsigned for the lab rigs that run nightly builds\n(default no).\n"},
	{dir: "7-release-1.1", author: maria, when: "2025-05-06T09:05:00+02:00",
		message: "Release 1.1.0\n",
		tag:     "v1.1", tagMessage: "otaupd 1.1.0\n\nChunked slot writes, serial console fixes, allow_unsigned for lab rigs.\n"},
}

// demoPlaceholders spell the Trojan Source characters in the embedded
// files, so that sightline's own source holds no hidden bidi controls;
// Build puts the real characters in.
var demoPlaceholders = strings.NewReplacer(
	"<<RLO>>", "\u202e", // RIGHT-TO-LEFT OVERRIDE
	"<<LRI>>", "\u2066", // LEFT-TO-RIGHT ISOLATE
	"<<PDI>>", "\u2069", // POP DIRECTIONAL ISOLATE
)

// Open builds the demo repository (otaupd, a small firmware update
// daemon with a planted back door and a Trojan Source line between
// BaseRev and Rev) in a new temporary directory and opens it. The
// build is deterministic: every run has the same commit ids. Call cleanup
// when done to close it and remove the directory.
func Open() (r *repo.Repo, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "sightline-demo-")
	if err != nil {
		return nil, nil, fmt.Errorf("demo: %w", err)
	}
	if err := Build(dir); err != nil {
		_ = os.RemoveAll(dir)
		return nil, nil, err
	}
	r, err = repo.OpenNamed(dir, "otaupd (demo)")
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, nil, fmt.Errorf("demo: %w", err)
	}
	return r, func() { _ = r.Close(); _ = os.RemoveAll(dir) }, nil
}
