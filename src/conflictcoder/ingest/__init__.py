"""Bytes in, ``Document`` out: decoding, HTML, JSON Lines, datelines, furniture, language."""
