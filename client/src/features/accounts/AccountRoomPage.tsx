export default function AccountRoomPage() {
  return null;
}
