const KIND_PREFIXES = ['Thành phố', 'Thị xã', 'Thị trấn', 'Huyện', 'Quận', 'Tỉnh', 'Xã', 'Phường', 'Đặc khu'];

/** "Huyện Hà Trung" → "Hà Trung"; "Thành phố Hà Nội" → "Hà Nội". */
export function shortName(name: string): string {
  for (const prefix of KIND_PREFIXES) {
    if (name.startsWith(prefix + ' ')) return name.slice(prefix.length + 1);
  }
  return name;
}
