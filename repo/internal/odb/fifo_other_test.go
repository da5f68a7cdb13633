//go:build !unix

package odb

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on this system") }
