"""Helpline: a keyboard-driven terminal workstation for IT service desks."""
