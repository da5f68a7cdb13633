//go:build unix

package main

import "syscall"

// lowerPriority makes process pid yield to the workbench (nice 10).
func lowerPriority(pid int) { _ = syscall.Setpriority(syscall.PRIO_PROCESS, pid, 10) }
