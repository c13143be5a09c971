package main

import (
	"fmt"

	"github.com/parallax-news/parallax/store"
)

func cmdBackup(e *env, args []string) int {
	return e.withFile("backup", "one file name", args, func(st *store.Store, path string) (string, error) {
		return fmt.Sprintf("backed up %s to %s", st.Dir(), path), st.BackupFile(path)
	})
}

func cmdRestore(e *env, args []string) int {
	return e.withFile("restore", "one backup file", args, func(st *store.Store, path string) (string, error) {
		return fmt.Sprintf("restored %s into %s", path, st.Dir()), st.RestoreFile(path)
	})
}

// withFile runs a command that takes exactly one file and the store.
func (e *env) withFile(name, what string, args []string, fn func(*store.Store, string) (string, error)) int {
	fs := e.flags(name)
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) != 1 {
		return e.usageError(fs, "takes %s", what)
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	done, err := fn(st, rest[0])
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.stderr, done)
	return exitOK
}
