"""Operations the desk performs, one transaction each (Qt-free)."""
