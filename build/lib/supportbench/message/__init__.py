"""Bytes to meaning, pure: one raw message parsed (parse), told apart as bounce, automatic reply, human
answer or unrelated with reasons (classify, phrases), linked to its probe (match), and its new text split from
quoted history and signature (quoting, replytext), in a detected language (language).
"""
