import { describe, expect, it } from 'vitest';
import { GraphQLClient, searchUnits } from '../../../addin/src/api';

describe('searchUnits', () => {
  it('sends the level and the date, and fills the parents a unit does not have with null', async () => {
    const sent: any[] = [];
    const client = new GraphQLClient({
      serverUrl: 'https://x',
      token: 't',
      fetch: async (_url, init) => {
        sent.push(JSON.parse(String(init?.body)));
        const units = [
          { id: 'A', code: '38', name: 'Tỉnh Thanh Hóa', level: 'PROVINCE', validFrom: null, validTo: null },
          {
            id: 'B',
            code: '14776',
            name: 'Phường Ba Đình',
            level: 'COMMUNE',
            validFrom: null,
            validTo: '2025-06-30',
            district: { code: '380', name: 'Thành phố Thanh Hóa' },
            province: { code: '38', name: 'Tỉnh Thanh Hóa' },
          },
        ];
        return new Response(JSON.stringify({ data: { adminUnits: units } }), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const hits = await searchUnits(client, 'ba dinh', { level: 'COMMUNE', on: '2025-06-30' });
    expect(sent[0].variables).toEqual({ s: 'ba dinh', l: 'COMMUNE', on: '2025-06-30' });
    expect(hits[0]).toMatchObject({ id: 'A', district: null, province: null });
    expect(hits[1]).toMatchObject({ id: 'B', validTo: '2025-06-30', district: { code: '380' } });
    await searchUnits(client, 'ha trung');
    expect(sent[1].variables).toEqual({ s: 'ha trung', l: null, on: null });
  });
});
