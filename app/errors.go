package app

import (
	"errors"
	"fmt"
)

// Error codes. A code says what kind of failure it is, so the CLI can choose
// an exit status and the desktop app a dialog, without parsing messages.
const (
	ENOTFOUND = "not_found" // the article, revision or file does not exist
	EINVALID  = "invalid"   // the input cannot be understood (bad file, bad flag)
	ELOCKED   = "locked"    // the store is held by another process
	ESCHEMA   = "schema"    // the store was written by a newer Parallax
	ECONFLICT = "conflict"  // the operation contradicts what is stored (e.g. restore into a non-empty store)
	EDAMAGED  = "damaged"   // stored data fails its checksum or content hash: the disk damaged it
	ENOSPACE  = "no_space"  // the disk is too full to write safely
	EINTERNAL = "internal"  // anything else: a bug or an I/O failure
)

// Error is a failure the user can act on: a code and a message that names
// the thing at fault. Err keeps the underlying cause for errors.Is/As.
type Error struct {
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil && e.Message == "" {
		return e.Err.Error()
	}
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WrapError returns an *Error with the given code that keeps err as its cause.
func WrapError(code string, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, or
// EINTERNAL when there is none.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}
