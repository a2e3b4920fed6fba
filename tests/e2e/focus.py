#!/usr/bin/env python3
"""The X11 input focus, for the single-instance spec: who has it, or take it
away. Xvfb runs no window manager, so GTK's "present this window" (what the
app does when a second launch asks it to come forward) raises the window and
sets the input focus on it directly (XRaiseWindow + XSetInputFocus); this
script reads that back. Only the standard library and libX11 are used.

    focus.py clear    # the focus goes to no window
    focus.py pid      # prints the _NET_WM_PID of the focused top-level window, or 0
"""
import ctypes
import ctypes.util
import sys

x11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
Window = ctypes.c_ulong
Atom = ctypes.c_ulong

x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XGetInputFocus.argtypes = [ctypes.c_void_p, ctypes.POINTER(Window), ctypes.POINTER(ctypes.c_int)]
x11.XSetInputFocus.argtypes = [ctypes.c_void_p, Window, ctypes.c_int, ctypes.c_ulong]
x11.XInternAtom.restype = Atom
x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x11.XQueryTree.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(Window), ctypes.POINTER(Window),
                           ctypes.POINTER(ctypes.POINTER(Window)), ctypes.POINTER(ctypes.c_uint)]
x11.XGetWindowProperty.argtypes = [ctypes.c_void_p, Window, Atom, ctypes.c_long, ctypes.c_long, ctypes.c_int, Atom,
                                   ctypes.POINTER(Atom), ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
                                   ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
x11.XFree.argtypes = [ctypes.c_void_p]
x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]

NONE, REVERT_TO_NONE, CURRENT_TIME, XA_CARDINAL = 0, 0, 0, 6


def pid_of(display, window):
    atom = x11.XInternAtom(display, b"_NET_WM_PID", 0)
    kind, fmt, count, after, data = Atom(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
    ok = x11.XGetWindowProperty(display, window, atom, 0, 1, 0, XA_CARDINAL, ctypes.byref(kind), ctypes.byref(fmt),
                                ctypes.byref(count), ctypes.byref(after), ctypes.byref(data)) == 0
    pid = 0
    if ok and data.value and count.value == 1:
        pid = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0]
    if data.value:
        x11.XFree(data)
    return pid


def focused_pid(display):
    window, revert = Window(), ctypes.c_int()
    x11.XGetInputFocus(display, ctypes.byref(window), ctypes.byref(revert))
    current = window.value
    while current > 1:  # 0 = None, 1 = PointerRoot
        pid = pid_of(display, current)
        if pid:
            return pid
        root, parent = Window(), Window()
        children = ctypes.POINTER(Window)()
        count = ctypes.c_uint()
        if not x11.XQueryTree(display, current, ctypes.byref(root), ctypes.byref(parent), ctypes.byref(children),
                              ctypes.byref(count)):
            return 0
        if children:
            x11.XFree(children)
        if parent.value == root.value:
            return 0
        current = parent.value
    return 0


def main():
    display = x11.XOpenDisplay(None)
    if not display:
        sys.exit("focus.py: no X display")
    if sys.argv[1:] == ["clear"]:
        x11.XSetInputFocus(display, NONE, REVERT_TO_NONE, CURRENT_TIME)
        x11.XSync(display, 0)
    elif sys.argv[1:] == ["pid"]:
        print(focused_pid(display))
    else:
        sys.exit(__doc__)


main()
