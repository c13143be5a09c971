//go:build !linux

/*
 * Parallax patch: not part of upstream Badger.
 * SPDX-License-Identifier: Apache-2.0
 */

package skl

func populate([]byte) {}
