"""The live channel: Socket.IO rooms, announcements with sequence numbers, presence."""
